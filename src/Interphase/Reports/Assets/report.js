// Interphase HTML report: renders the figures embedded as JSON and leaves markers that tests
// read from the DOM: body[data-plots-rendered] counts the plots drawn so far,
// body[data-js-errors] collects script errors, rejected promises and anything the page's
// content security policy blocked (which would be a network request).
(function () {
  'use strict';
  var body = document.body;
  var errors = [];

  function reportError(message) {
    errors.push(String(message));
    body.dataset.jsErrors = errors.join('\n');
  }

  window.onerror = function (message, source, line, column, error) {
    reportError(error && error.stack ? error.stack : message + ' (' + source + ':' + line + ':' + column + ')');
  };
  window.addEventListener('unhandledrejection', function (event) {
    var reason = event.reason;
    reportError('unhandled rejection: ' + (reason && reason.message ? reason.message : reason));
  });
  document.addEventListener('securitypolicyviolation', function (event) {
    reportError('blocked by the content security policy: ' + event.violatedDirective + ' ' + event.blockedURI);
  });

  function render() {
    var source = document.getElementById('interphase-figures');
    var figures = source ? JSON.parse(source.textContent) : [];
    var rendered = 0;
    body.dataset.plotsExpected = String(figures.length);
    body.dataset.plotsRendered = '0';
    if (figures.length === 0) return;
    if (typeof Plotly === 'undefined') {
      reportError('plotly.js is missing from the report');
      return;
    }
    figures.forEach(function (figure) {
      var div = document.getElementById(figure.id);
      Plotly.newPlot(div, figure.data, figure.layout, figure.config).then(function () {
        rendered += 1;
        body.dataset.plotsRendered = String(rendered);
      }, function (error) {
        reportError('figure ' + figure.id + ': ' + (error && error.message ? error.message : error));
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', render);
  } else {
    render();
  }
})();
