// The console's own script (no inline scripts: the Content-Security-Policy allows only files from this origin).
// Copy buttons: <button data-copy="ID"> copies the value of the element with that id.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute("data-copy"));
  if (field && navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = "Copied";
    });
  } else if (field) {
    field.select();
  }
});
