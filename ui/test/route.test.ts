import { describe, expect, it } from "vitest";
import { describeHop } from "../src/route";
import { setLang } from "../src/i18n";
import { sample } from "./fixtures";

// setLang marks the page's language; the tests run without a DOM.
(globalThis as { document?: unknown }).document ??= { documentElement: {} };

describe("route in words", () => {
  // The food plant's SCADA poll of the sterilisation PLC: 監視・操作ゾーン opens the Modbus/TCP
  // session, the data flows back to it, an industrial firewall sits on the conduit. The hop
  // from 監視・操作 into 殺菌工程 is initiated; the wording of a response-only hop is checked on
  // the same conduit.
  const p = sample("food-plant");
  const poll = p.conduits.find((c) => c.name === "監視・操作→殺菌工程(監視のみ)")!;
  const protocols = [{ id: "modbus_tcp", name: "Modbus/TCP" }];

  it("names the conduit, protocol, opener, data direction and boundary in Japanese", () => {
    setLang("ja");
    const s = describeHop(p, protocols, { conduit: poll.id, reverse: false, channel: 0, kind: "initiate", controlled: true }, true);
    expect(s).toBe(
      "「監視・操作→殺菌工程(監視のみ)」Modbus/TCP:502、監視・操作ゾーンが開始、データ 殺菌工程ゾーン→監視・操作ゾーン、境界制御あり",
    );
  });

  it("marks a response-only hop as harder, in English", () => {
    setLang("en");
    const s = describeHop(p, protocols, { conduit: poll.id, reverse: true, channel: 0, kind: "response", controlled: true }, false);
    expect(s).toBe(
      '"監視・操作→殺菌工程(監視のみ)" Modbus/TCP:502, opened by 監視・操作ゾーン, data 殺菌工程ゾーン→監視・操作ゾーン, via responses, harder (−1 when every route into the zone needs one), boundary control',
    );
    setLang("ja");
  });
});
