// Live progress of a job (run, award, portfolio): polls the job API and follows to its result when done.
// Without JavaScript the page refreshes itself (meta refresh) and the server redirects.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var id = box.getAttribute("data-job");
  var bar = document.getElementById("progress");
  var message = document.getElementById("message");
  function poll() {
    fetch("/api/v1/jobs/" + encodeURIComponent(id), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        bar.value = job.fraction;
        message.textContent = job.message;
        if (job.status === "done") { window.location.assign(job.location); return; }
        if (job.status === "queued" || job.status === "running") { window.setTimeout(poll, 300); }
        else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 1000); });
  }
  poll();
})();
