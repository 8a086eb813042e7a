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

// <input type="file" data-load-into="ID">: reads the chosen text file into the field with that id (the form then
// posts it as text; pasting into that field works without JavaScript).
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("input[type=file][data-load-into]") || !input.files.length) {
    return;
  }
  var target = document.getElementById(input.getAttribute("data-load-into"));
  var reader = new FileReader();
  reader.onload = function () {
    target.value = reader.result;
  };
  reader.readAsText(input.files[0]);
});
