// A conduit's channels edited in the side panel: protocol (with the catalogue's names), port,
// direction, who opens the session, purpose, encryption and authentication.
import { DIRECTIONS, INITIATORS } from "../../generated/wire";
import { catalogue, commit, doc, toast } from "../../app";
import { h } from "../../dom";
import { fold } from "../../choices";
import { t } from "../../i18n";
import { newChannel, setChannel, type Channel, type Conduit, type Direction, type Initiator } from "../../model";
import { input, select } from "./fields";
import type { Protocol } from "../../generated/wire";

/** A protocol of the catalogue. */
type CatalogueProtocol = Protocol;

/**
 * A channel's protocol: the catalogue's protocols offered by name (Modbus/TCP), typed as the
 * name or the id in any case or width, and stored as the id (modbus_tcp) with its usual port
 * filled in when the channel has none yet. A protocol the catalogue lacks is kept as typed.
 */
function protocolInput(i: number, ch: Channel, known: CatalogueProtocol[], onChange: (next: Channel) => void): HTMLElement {
  const shown = known.find((x) => x.id === ch.protocol)?.name ?? ch.protocol ?? "";
  // Matched ignoring case, width and punctuation: "Modbus TCP", "modbus_tcp", "ＭＯＤＢＵＳ/ＴＣＰ".
  const key = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, "");
  const el = input(`panel-ch-${i}-protocol`, shown, (v) => {
    const hit = known.find((x) => key(x.name) === key(v) || key(x.id) === key(v));
    const protocol = hit?.id ?? v.trim();
    // The port follows the protocol while it is the previous protocol's usual one (or empty);
    // a port the user typed stays.
    const before = known.find((x) => x.id === ch.protocol)?.ports ?? "";
    const port = (ch.port ?? "").trim();
    onChange({ ...ch, protocol, port: !port || port === before ? (hit?.ports ?? "") : ch.port });
    if (!hit && protocol) toast(t("ui.channel.unknown_protocol", { name: protocol }));
  });
  el.setAttribute("list", PROTOCOL_LIST);
  if (focusProtocol === i) {
    // The channel just added: its protocol is what the user types next.
    focusProtocol = null;
    window.setTimeout(() => el.focus(), 0);
  }
  return h("span", { class: "protocol" }, el);
}

/** The channel just added, whose protocol field takes the focus once drawn. */
let focusProtocol: number | null = null;

/** Id of the one list of catalogue protocols every channel's protocol field offers. */
const PROTOCOL_LIST = "panel-protocols";

/** The conduit's channels, each editable: protocol, port, direction, who starts, purpose. */
export function channelEditor(c: Conduit): HTMLElement {
  const channels = c.channels ?? [];
  const edit = (i: number, ch: Channel | null) => commit(setChannel(doc(), c.id, i, ch), t("ui.channel.edit"));
  const known = catalogue().protocols;
  const box = h(
    "fieldset",
    { class: "channels", id: "panel-channels" },
    h("legend", {}, t("xl.col.channels")),
    h("datalist", { id: PROTOCOL_LIST }, ...known.map((x) => h("option", { value: x.name }, x.ports ? `${x.name} (${x.ports})` : x.name))),
  );
  if (channels.length === 0) box.append(h("p", { class: "hint" }, t("ui.channel.none")));
  channels.forEach((ch, i) => {
    const field = <K extends keyof Channel>(k: K, v: Channel[K]) => edit(i, { ...ch, [k]: v });
    const tick = (k: "encrypted" | "authenticated") =>
      h(
        "label",
        { class: "check" },
        h("input", { type: "checkbox", checked: !!ch[k], onchange: (e: Event) => field(k, (e.target as HTMLInputElement).checked) }),
        t(`ui.channel.${k}`),
      );
    box.append(
      h(
        "div",
        { class: "channel", "data-index": String(i) },
        h(
          "div",
          { class: "channel-row" },
          h(
            "label",
            {},
            t("xl.col.protocols"),
            protocolInput(i, ch, known, (next) => edit(i, next)),
          ),
          h(
            "label",
            { class: "port" },
            t("ui.channel.port"),
            input(`panel-ch-${i}-port`, ch.port ?? "", (v) => field("port", v.trim())),
          ),
        ),
        h(
          "div",
          { class: "channel-row" },
          h(
            "label",
            {},
            t("ui.channel.direction"),
            select(
              `panel-ch-${i}-direction`,
              DIRECTIONS.map((d) => [d, t(`ui.channel.dir.${d}`)]),
              ch.direction ?? "forward",
              (v) => field("direction", v as Direction),
            ),
          ),
          h(
            "label",
            {},
            t("ui.channel.initiator"),
            select(
              `panel-ch-${i}-initiator`,
              INITIATORS.map((d) => [d, t(`xl.init.${d}`)]),
              ch.initiator ?? "from",
              (v) => field("initiator", v as Initiator),
            ),
          ),
        ),
        h(
          "label",
          {},
          t("xl.col.purpose"),
          input(`panel-ch-${i}-purpose`, ch.purpose ?? "", (v) => field("purpose", v)),
        ),
        h(
          "div",
          { class: "channel-row" },
          tick("encrypted"),
          tick("authenticated"),
          h("button", { class: "link danger", title: t("ui.channel.remove"), onclick: () => edit(i, null) }, t("ui.channel.remove")),
        ),
      ),
    );
  });
  box.append(
    h(
      "button",
      {
        id: "panel-add-channel",
        onclick: () => {
          focusProtocol = channels.length;
          edit(channels.length, newChannel());
        },
      },
      `+ ${t("ui.channel.add")}`,
    ),
  );
  return box;
}
