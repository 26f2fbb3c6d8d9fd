// A route in words, hop by hop: which conduit and channel carried each hop of an attack path
// or tree (protocol, who opens the session, which way the data flows, initiated or response-
// only, boundary control). The same sentence as the core's `graph::route` (CLI, workbook),
// from the same i18n keys.
import type * as W from "./generated/wire";
import { t } from "./i18n";
import type { Conduit, Endpoint, Project } from "./model";

/** How the core sends a hop (generated: graph::Hop). */
export type Hop = W.Hop;

/** A protocol as the catalogue names it (only its id and name are read here). */
export type ProtocolName = Pick<W.Protocol, "id" | "name">;

function endName(p: Project, e: Endpoint): string {
  if ("zone" in e) return p.zones.find((z) => z.id === e.zone)?.name ?? "?";
  return p.entry_points.find((x) => x.id === e.entry)?.name ?? "?";
}

/** One hop in words, e.g. 「監視・操作→殺菌工程」Modbus/TCP:502、監視・操作ゾーンが開始、… */
export function describeHop(p: Project, protocols: ProtocolName[], hop: Hop, ja: boolean): string {
  const c: Conduit | undefined = p.conduits.find((x) => x.id === hop.conduit);
  if (!c) return "";
  const parts: string[] = [];
  const ch = hop.channel === null ? undefined : c.channels?.[hop.channel];
  if (ch) {
    const proto = protocols.find((x) => x.id === ch.protocol)?.name ?? ch.protocol;
    parts.push(ch.port ? `${proto}:${ch.port}` : proto);
    const from = endName(p, c.from);
    const to = endName(p, c.to);
    parts.push(
      ch.initiator === "from"
        ? t("route.opened_by", { end: from })
        : ch.initiator === "to"
          ? t("route.opened_by", { end: to })
          : ch.initiator === "either"
            ? t("route.opened_either")
            : t("route.opened_unknown"),
    );
    parts.push(
      ch.direction === "forward"
        ? t("route.data", { from, to })
        : ch.direction === "reverse"
          ? t("route.data", { from: to, to: from })
          : ch.direction === "both"
            ? t("route.data_both")
            : t("route.data_unknown"),
    );
  } else {
    parts.push(t("route.no_channel"));
  }
  if ((c.boundary ?? []).some((b) => b.kind === "data_diode")) parts.push(t("route.one_way"));
  const source = hop.reverse ? c.to : c.from;
  if (hop.kind === "data") parts.push(t("route.data_over_sessions"));
  else if (hop.kind === "response") parts.push(t("entry" in source ? "route.response_from_entry" : "route.response"));
  parts.push(t(hop.controlled ? "route.controlled" : "route.uncontrolled"));
  return `${ja ? `「${c.name}」` : `"${c.name}" `}${parts.join(ja ? "、" : ", ")}`;
}
