// Caseway SLA dashboard: reads /api/sla/* with HTTP Basic. The login is kept in this closure only
// (never in localStorage, sessionStorage or a cookie) and forgotten on log-out, on a 401 and after
// 15 idle minutes. Every text from the server reaches the page through textContent, never as HTML.
(function () {
  'use strict';

  const IDLE_LOGOUT_MS = 15 * 60 * 1000;
  const REFRESH_MS = 60 * 1000;
  const STATE_COLOURS = { onTime: '#2e7d32', atRisk: '#ef8a00', overdue: '#c62828' };

  let credentials = null; // {user, header}
  let idleTimer = null;
  let refreshTimer = null;
  let stateChart = null;
  let ttcChart = null;
  let loading = 0;

  const $ = (id) => document.getElementById(id);

  // --- session -------------------------------------------------------------------------------

  function basicHeader(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  function logOut(message, kind) {
    credentials = null;
    clearTimeout(idleTimer);
    clearInterval(refreshTimer);
    $('dashboard').hidden = true;
    $('session').hidden = true;
    $('login-form').hidden = false;
    $('password').value = '';
    clearFigures();
    showMessage(message, kind);
  }

  function touch() {
    if (!credentials) {
      return;
    }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => logOut('You were logged out after 15 minutes without activity.', 'info'),
      IDLE_LOGOUT_MS);
  }

  function showMessage(text, kind) {
    const box = $('message');
    box.textContent = text || '';
    box.className = kind === 'info' ? 'info' : '';
    box.hidden = !text;
  }

  // --- API -----------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail || ('HTTP ' + status));
      this.status = status;
    }
  }

  async function api(path, params) {
    const query = new URLSearchParams();
    Object.entries(params || {}).forEach(([name, value]) => {
      if (value !== undefined && value !== null && value !== '') {
        query.set(name, value);
      }
    });
    const url = path + (query.toString() ? '?' + query.toString() : '');
    // credentials 'omit': no cookies and no browser login prompt on a 401; the header is ours alone
    const response = await fetch(url, {
      headers: { Authorization: credentials.header, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store'
    });
    if (!response.ok) {
      let detail = null;
      try {
        const problem = await response.json();
        detail = problem && problem.detail;
      } catch (e) {
        // not a problem document
      }
      throw new ApiError(response.status, detail);
    }
    return response.json();
  }

  function explain(error) {
    if (error.status === 401) {
      logOut('Wrong user name or password (or the login is locked for a moment after failed attempts).');
    } else if (error.status === 403) {
      logOut('Your login is not allowed to see SLA figures: the dashboard is for supervisors, program managers '
        + 'and administrators.');
    } else if (error.status) {
      showMessage('The SLA service answered ' + error.status + ': ' + error.message);
    } else {
      showMessage('The SLA service could not be reached. Try again in a moment.');
    }
  }

  // --- loading -------------------------------------------------------------------------------

  async function load() {
    if (!credentials) {
      return;
    }
    const team = $('team').value;
    const days = $('days').value;
    loading++;
    document.body.dataset.loading = 'true';
    try {
      const [summary, forecast, breaches] = await Promise.all([
        api('/api/sla/summary', { team: team }),
        api('/api/sla/forecast', { team: team, days: days }),
        api('/api/sla/breaches', { team: team, size: 50 })
      ]);
      if (!credentials) {
        return;
      }
      showMessage('');
      $('dashboard').hidden = false;
      renderTeams(summary.visibleTeams, team);
      renderSummary(summary);
      renderForecast(forecast);
      renderBreaches(breaches);
    } catch (error) {
      explain(error);
    } finally {
      loading--;
      document.body.dataset.loading = loading > 0 ? 'true' : 'false';
    }
  }

  // --- rendering (textContent only) ----------------------------------------------------------

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function replaceRows(tableId, emptyId, items, fill) {
    const body = $(tableId).querySelector('tbody');
    body.replaceChildren();
    items.forEach((item) => {
      const row = document.createElement('tr');
      fill(row, item);
      body.appendChild(row);
    });
    $(emptyId).hidden = items.length > 0;
    $(tableId).hidden = items.length === 0;
  }

  function renderTeams(teams, selected) {
    const select = $('team');
    const wanted = ['', ...(teams || [])];
    const present = Array.from(select.options).map((o) => o.value);
    if (wanted.join('\n') === present.join('\n')) {
      return;
    }
    select.replaceChildren();
    wanted.forEach((team) => {
      const option = document.createElement('option');
      option.value = team;
      option.textContent = team === '' ? 'All my teams' : team;
      select.appendChild(option);
    });
    select.value = wanted.includes(selected) ? selected : '';
  }

  function renderSummary(summary) {
    const open = summary.openTasks;
    $('count-on-time').textContent = String(open.onTime);
    $('count-at-risk').textContent = String(open.atRisk);
    $('count-overdue').textContent = String(open.overdue);
    $('as-of').textContent = formatTime(summary.asOf);
    $('as-of').dateTime = summary.asOf;
    $('breaches-7').textContent = String(summary.breaches.last7Days.total);
    $('breaches-30').textContent = String(summary.breaches.last30Days.total);
    $('breach-levels').textContent = 'Last 30 days: ' + summary.breaches.last30Days.level1
      + ' past the deadline (supervisor), ' + summary.breaches.last30Days.level2
      + ' past the second limit (program managers).';
    stateChart = drawChart(stateChart, 'state-chart', {
      type: 'doughnut',
      data: {
        labels: ['On time', 'At risk', 'Overdue'],
        datasets: [{
          data: [open.onTime, open.atRisk, open.overdue],
          backgroundColor: [STATE_COLOURS.onTime, STATE_COLOURS.atRisk, STATE_COLOURS.overdue]
        }]
      },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right' } } }
    });

    const ttc = summary.timeToComplete || [];
    replaceRows('ttc-table', 'ttc-empty', ttc, (row, line) => {
      row.dataset.taskKey = line.taskKey;
      cell(row, line.taskKey);
      cell(row, line.completed, 'completed');
      cell(row, formatSeconds(line.medianSeconds), 'median').title = line.median;
      cell(row, formatSeconds(line.p90Seconds), 'p90').title = line.p90;
    });
    ttcChart = drawChart(ttcChart, 'ttc-chart', {
      type: 'bar',
      data: {
        labels: ttc.map((line) => line.taskKey),
        datasets: [
          { label: 'Median (hours)', data: ttc.map((line) => line.medianSeconds / 3600), backgroundColor: '#457b9d' },
          { label: '90th percentile (hours)', data: ttc.map((line) => line.p90Seconds / 3600), backgroundColor: '#1d3557' }
        ]
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
    });
  }

  function renderForecast(forecast) {
    $('forecast-title').textContent = 'Deadlines about to be missed in the next ' + forecast.days
      + (forecast.days === 1 ? ' day' : ' days') + ', per case manager' + (forecast.truncated ? ' (first '
      + forecast.total + ' shown)' : '');
    replaceRows('forecast-table', 'forecast-empty', forecast.caseManagers, (row, group) => {
      row.dataset.assignee = group.assignee === null ? '' : group.assignee;
      cell(row, group.assignee === null ? 'unassigned' : group.assignee, 'assignee');
      cell(row, group.count, 'forecast-count');
      const list = document.createElement('ul');
      group.tasks.forEach((task) => {
        const item = document.createElement('li');
        item.className = 'state-' + task.state;
        item.textContent = task.caseNumber + ' · ' + task.taskKey + ' · due in ' + formatSeconds(task.dueInSeconds)
          + (task.state === 'AT_RISK' ? ' (at risk)' : '');
        item.title = 'due ' + formatTime(task.dueAt);
        list.appendChild(item);
      });
      cell(row, '').appendChild(list);
    });
  }

  function renderBreaches(list) {
    $('breaches-title').textContent = 'Recent missed deadlines (last 30 days'
      + (list.truncated ? ', newest ' + list.breaches.length + ' of ' + list.total : '') + ')';
    replaceRows('breaches-table', 'breaches-empty', list.breaches, (row, breach) => {
      cell(row, breach.caseNumber, 'case-number');
      cell(row, breach.team === null ? '–' : breach.team);
      cell(row, breach.taskKey);
      cell(row, breach.level === 1 ? '1 · supervisor' : breach.level === 2 ? '2 · program managers' : breach.level);
      cell(row, formatTime(breach.deadline));
      cell(row, formatSeconds(breach.lateSeconds) + (breach.taskOpen ? ' and counting' : '')).title = breach.late;
      cell(row, breach.assignee === null ? 'unassigned' : breach.assignee);
      cell(row, breach.escalatedTo);
      cell(row, breach.completedAt === null ? '–' : formatTime(breach.completedAt));
      cell(row, breach.resolution === null ? '–' : breach.resolution);
    });
  }

  function drawChart(existing, canvasId, config) {
    if (existing) {
      existing.destroy();
    }
    if (typeof window.Chart !== 'function') {
      return null; // the figures are in the page as text; the charts are extra
    }
    return new window.Chart($(canvasId), config);
  }

  function clearFigures() {
    ['count-on-time', 'count-at-risk', 'count-overdue', 'breaches-7', 'breaches-30'].forEach((id) => {
      $(id).textContent = '–';
    });
    ['as-of', 'breach-levels'].forEach((id) => { $(id).textContent = ''; });
    ['forecast-table', 'ttc-table', 'breaches-table'].forEach((id) => {
      $(id).querySelector('tbody').replaceChildren();
    });
    $('team').replaceChildren(new Option('All my teams', ''));
    if (stateChart) {
      stateChart.destroy();
      stateChart = null;
    }
    if (ttcChart) {
      ttcChart.destroy();
      ttcChart = null;
    }
  }

  function formatSeconds(total) {
    const seconds = Math.max(0, Math.round(Number(total)));
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    if (days > 0) {
      return days + ' d ' + hours + ' h';
    }
    if (hours > 0) {
      return hours + ' h ' + minutes + ' min';
    }
    return minutes + ' min';
  }

  function formatTime(iso) {
    if (!iso) {
      return '';
    }
    const date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  }

  // --- wiring --------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const user = $('username').value.trim();
      const password = $('password').value;
      if (!user || !password) {
        showMessage('Enter your user name and password.');
        return;
      }
      credentials = { user: user, header: basicHeader(user, password) };
      $('password').value = '';
      $('login-form').hidden = true;
      $('signed-in-as').textContent = 'Logged in as ' + user;
      $('session').hidden = false;
      showMessage('');
      touch();
      clearInterval(refreshTimer);
      refreshTimer = setInterval(load, REFRESH_MS);
      load();
    });
    $('logout').addEventListener('click', () => logOut('You are logged out.', 'info'));
    $('refresh').addEventListener('click', load);
    $('team').addEventListener('change', load);
    $('days').addEventListener('change', load);
    ['click', 'keydown'].forEach((type) => document.addEventListener(type, touch));
  });
}());
