// The diagram as an image file.
import { type Core } from "cytoscape";
import { api, errorText } from "../../api";
import { toast } from "../../app";
import { t } from "../../i18n";
import { sizeLabels } from "./style";

/** The whole diagram saved as an image the user places (PNG at twice the size, or SVG). */
export async function exportImage(c: Core, kind: "png" | "svg"): Promise<void> {
  try {
    let bytes: Uint8Array;
    // The image shows the whole diagram at its own scale, so names at their own size too.
    sizeLabels(c, 1);
    try {
      if (kind === "png") {
        const blob = c.png({ full: true, output: "blob", bg: "#ffffff", scale: 2 }) as unknown as Blob;
        bytes = new Uint8Array(await blob.arrayBuffer());
      } else {
        const text = (c as unknown as { svg: (o: object) => string }).svg({ full: true, bg: "#ffffff" });
        bytes = new TextEncoder().encode(text);
      }
    } finally {
      if (!c.destroyed()) sizeLabels(c, c.zoom());
    }
    const path = await api.saveImage(kind, Array.from(bytes));
    if (path) toast(t("ui.saved", { file: path }));
  } catch (e) {
    toast(errorText(e), true);
  }
}
