// Cimkit web console: the little script the pages use (no third-party code).
'use strict';

(function () {
  const POLL_MS = 1000;

  // After this many answers in a row that are not OK (logged out, access withdrawn, server error),
  // a table stops asking: the next ones would fail the same way every second.
  const MAX_FAILURES = 5;

  // A jobs table body with data-rows follows the jobs: every second its rows are fetched again from
  // that same-origin URL and put in place. The server escapes every value in them, so the fragment is
  // markup of the server's own and may go in as HTML. A table of one job stops once it has finished or
  // is gone (the "none" row); any table stops after MAX_FAILURES answers in a row that are not OK.
  // A table that stops says why in data-polling ("finished" or "failed").
  function follow(tbody) {
    const url = tbody.dataset.rows;
    const single = url.indexOf('?') >= 0;
    let failures = 0;
    function done() {
      if (!single) {
        return false;
      }
      if (tbody.querySelector('tr.none')) {
        return true;
      }
      return tbody.querySelector('tr.job') !== null && tbody.querySelector('tr.job:not(.finished)') === null;
    }
    function stopped(reason) {
      tbody.dataset.polling = reason;
      if (reason === 'failed') {
        const row = document.createElement('tr');
        row.className = 'stopped';
        const cell = document.createElement('td');
        cell.colSpan = 6;
        cell.className = 'muted';
        cell.textContent = 'Updates stopped: the server did not answer with the rows ' + MAX_FAILURES
          + ' times in a row. Reload the page to try again.';
        row.appendChild(cell);
        tbody.appendChild(row);
      }
    }
    async function tick() {
      try {
        const answer = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
        if (answer.ok) {
          failures = 0;
          tbody.innerHTML = await answer.text();
          tbody.dataset.updated = String(Date.now());
        } else {
          failures++;
        }
      } catch (e) {
        // the server is restarting or the network is gone: try again at the next tick
      }
      if (done()) {
        stopped('finished');
      } else if (failures >= MAX_FAILURES) {
        stopped('failed');
      } else {
        window.setTimeout(tick, POLL_MS);
      }
    }
    tbody.dataset.polling = 'on';
    window.setTimeout(tick, POLL_MS);
  }

  // "Add another" of an embedded-instance array: a copy of the last element's fieldset, emptied, with
  // the element index in its field names (in.Param.N.Property) one higher.
  function addElement(event) {
    const box = event.currentTarget.closest('.embedded');
    const sets = box.querySelectorAll('fieldset.element');
    const last = sets[sets.length - 1];
    const index = Number(last.dataset.index) + 1;
    const copy = last.cloneNode(true);
    copy.dataset.index = String(index);
    const param = box.dataset.param;
    const from = 'in.' + param + '.' + last.dataset.index + '.';
    const to = 'in.' + param + '.' + index + '.';
    copy.querySelectorAll('[name]').forEach(function (field) {
      field.name = to + field.name.substring(from.length);
      field.id = 'f-' + field.name;
      if (field.tagName === 'SELECT') {
        field.selectedIndex = 0;
      } else {
        field.value = '';
      }
    });
    copy.querySelectorAll('label[for]').forEach(function (label) {
      label.htmlFor = 'f-' + to + label.htmlFor.substring(('f-' + from).length);
    });
    const legend = copy.querySelector('legend');
    if (legend) {
      legend.textContent = legend.textContent.replace(/\[\d+\]/, '[' + index + ']');
    }
    last.after(copy);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('tbody[data-rows]').forEach(follow);
    document.querySelectorAll('button.add-element').forEach(function (b) {
      b.addEventListener('click', addElement);
    });
  });
})();
