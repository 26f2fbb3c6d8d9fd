// A text field that refuses what the core would refuse (an empty name), at the field: the
// value is not committed, the field is marked and says why, and the stored value is kept.
import { t } from "../i18n";
import { isPresent } from "../validation";

/**
 * Wire `input` so a change commits only a present (non-blank) value; a blank one marks the
 * field with a message below it. The message element is inserted after the input.
 */
export function requireName(input: HTMLInputElement | HTMLTextAreaElement, label: string, onValid: (v: string) => void): void {
  input.required = true;
  const note = document.createElement("span");
  note.className = "field-error";
  note.setAttribute("role", "alert");
  input.after(note);
  // Esc gives the stored value back.
  let stored = input.value;
  input.addEventListener("keydown", (e) => {
    if ((e as KeyboardEvent).key !== "Escape" || !input.classList.contains("invalid")) return;
    input.value = stored;
    input.classList.remove("invalid");
    input.removeAttribute("aria-invalid");
    note.textContent = "";
  });
  input.addEventListener("change", () => {
    if (isPresent(input.value)) {
      input.classList.remove("invalid");
      input.removeAttribute("aria-invalid");
      note.textContent = "";
      stored = input.value.trim();
      onValid(stored);
    } else {
      input.classList.add("invalid");
      input.setAttribute("aria-invalid", "true");
      note.textContent = t("ui.check.required_field", { field: label });
    }
  });
}
