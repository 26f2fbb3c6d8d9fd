// A text field that refuses what the core would refuse (an empty or duplicate name), at the
// field: the value is not committed, the stored value comes back into the field at once, and
// a message below it says why.
import { t } from "../i18n";
import { isPresent } from "../validation";

/**
 * Wire `input` so a change commits only a present (non-blank) value that `taken` does not
 * reject; a refused one puts the stored value back and says why below the field.
 */
export function requireName(
  input: HTMLInputElement | HTMLTextAreaElement,
  label: string,
  onValid: (v: string) => void,
  taken: (v: string) => boolean = () => false,
): void {
  input.required = true;
  const note = document.createElement("span");
  note.className = "field-error";
  note.setAttribute("role", "alert");
  input.after(note);
  let stored = input.value;
  input.addEventListener("input", () => {
    input.classList.remove("invalid");
    note.textContent = "";
  });
  input.addEventListener("change", () => {
    const v = input.value.trim();
    const problem = !isPresent(v)
      ? t("ui.check.required_field", { field: label })
      : taken(v) && v !== stored
        ? t("ui.check.duplicate", { field: label, name: v })
        : "";
    if (!problem) {
      input.classList.remove("invalid");
      input.removeAttribute("aria-invalid");
      note.textContent = "";
      stored = v;
      onValid(v);
      return;
    }
    input.value = stored;
    input.classList.add("invalid");
    input.setAttribute("aria-invalid", "true");
    note.textContent = problem;
  });
}
