// The interpretation form's default button is 保存 (Enter in a text field saves). In the field that searches
// for policies (data-enter-clicks="find_policies") Enter presses the 查找 button instead, as a search box does.
// Without JavaScript Enter there saves as elsewhere; the 查找 button works either way.
document.addEventListener("keydown", (event) => {
  const field = event.target;
  if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return; // IME: Enter picks a word
  if (!(field instanceof HTMLInputElement) || !field.dataset.enterClicks || !field.form) return;
  const button = Array.from(field.form.elements).find(
    (element) => element.type === "submit" && element.name === field.dataset.enterClicks);
  if (!button) return;
  event.preventDefault();
  button.click();
});
