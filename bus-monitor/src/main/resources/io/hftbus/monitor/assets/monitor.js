// The hftbus monitor page: one EventSource on /events, one sample a second, charts drawn with uPlot.
// Everything it shows comes from the samples; it loads nothing from anywhere else.
(function () {
  'use strict';

  var HISTORY = 300; // samples kept for the charts: five minutes at one a second
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
                 '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd'];
  var token = new URLSearchParams(window.location.search).get('token');
  var query = token ? '?token=' + encodeURIComponent(token) : '';

  var state = {
    samples: 0,          // samples received
    chartUpdates: 0,     // times the charts were given new data
    slowestShowMillis: 0, // the longest a sample after the first took to show, tables and charts
    last: null,          // the last sample
    charts: {},
    times: [], rates: [], latency: [[], [], []], lanes: []
  };
  window.hftbusMonitor = state;

  function text(id, value) {
    var element = document.getElementById(id);
    if (element.textContent !== String(value)) {
      element.textContent = String(value);
    }
  }

  function micros(nanos) {
    return nanos === undefined ? '' : (nanos / 1000).toFixed(1);
  }

  function chart(id, series, yLabel) {
    var options = {
      width: 560, height: 220,
      scales: { x: { time: true } },
      series: [{}].concat(series.map(function (name, i) {
        return { label: name, stroke: PALETTE[i % PALETTE.length], width: 1.5, points: { show: false } };
      })),
      axes: [{}, { label: yLabel, size: 60 }],
      legend: { live: false }
    };
    var empty = [[]].concat(series.map(function () { return []; }));
    return new uPlot(options, empty, document.getElementById(id));
  }

  function setUp(sample) {
    text('bus', sample.bus);
    var types = sample.types.map(function (t) { return t.type; });
    var lanes = sample.lanes.map(function (l) { return l.lane; });
    state.rates = types.map(function () { return []; });
    state.lanes = lanes.map(function () { return []; });
    state.charts.rates = chart('chart-rates', types, 'events/s');
    state.charts.latency = chart('chart-latency', ['p50', 'p99', 'p99.9'], 'µs');
    state.charts.lanes = chart('chart-lanes', lanes, 'envelopes');
    var select = document.getElementById('latency-type');
    types.forEach(function (type) {
      var option = document.createElement('option');
      option.value = type;
      option.textContent = type;
      select.appendChild(option);
    });
    select.value = 'MARKET_DATA';
    select.addEventListener('change', function () { state.latency = [[], [], []]; });
    rows('lanes', lanes, function (lane) {
      return ['lane-' + lane, ['depth', 'capacity', 'highWaterMark']];
    });
    rows('types', types, function (type) {
      return ['type-' + type, ['published', 'publishedPerSecond', 'received', 'LANE_FULL', 'STREAM_LAGGING',
                               'BUS_CLOSED', 'handlerFailures', 'p50', 'p99', 'p999']];
    });
  }

  // A table body of one row per key, each cell with an id of the row's prefix and the column.
  function rows(tableId, keys, layout) {
    var body = document.querySelector('#' + tableId + ' tbody');
    keys.forEach(function (key) {
      var spec = layout(key);
      var row = document.createElement('tr');
      var name = document.createElement('td');
      name.textContent = key;
      row.appendChild(name);
      spec[1].forEach(function (column) {
        var cell = document.createElement('td');
        cell.id = spec[0] + '-' + column;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
  }

  function push(series, value) {
    series.push(value);
    if (series.length > HISTORY) {
      series.shift();
    }
  }

  function show(sample) {
    if (state.last === null) {
      setUp(sample);
    }
    state.last = sample;
    state.samples++;
    text('sequence', sample.sequence);
    text('total-published', sample.totals.published);
    text('total-received', sample.totals.received);
    text('total-dropped', sample.totals.dropped);
    text('total-failures', sample.totals.handlerFailures);

    sample.lanes.forEach(function (lane) {
      text('lane-' + lane.lane + '-depth', lane.depth);
      text('lane-' + lane.lane + '-capacity', lane.capacity);
      text('lane-' + lane.lane + '-highWaterMark', lane.highWaterMark);
    });
    sample.types.forEach(function (type) {
      var id = 'type-' + type.type + '-';
      text(id + 'published', type.published);
      text(id + 'publishedPerSecond', Math.round(type.publishedPerSecond));
      text(id + 'received', type.received);
      text(id + 'LANE_FULL', type.dropped.LANE_FULL);
      text(id + 'STREAM_LAGGING', type.dropped.STREAM_LAGGING);
      text(id + 'BUS_CLOSED', type.dropped.BUS_CLOSED);
      text(id + 'handlerFailures', type.handlerFailures);
      text(id + 'p50', micros(type.latency.p50));
      text(id + 'p99', micros(type.latency.p99));
      text(id + 'p999', micros(type.latency.p999));
      document.getElementById(id + 'handlerFailures').className = type.handlerFailures > 0 ? 'bad' : '';
    });
    subscribers(sample.subscribers);
    counters(sample.counters);

    // The first sample has no rate yet (nothing to compare it with): charts start at the second.
    if (sample.intervalSeconds > 0) {
      push(state.times, sample.epochMillis / 1000);
      sample.types.forEach(function (type, i) { push(state.rates[i], type.publishedPerSecond); });
      sample.lanes.forEach(function (lane, i) { push(state.lanes[i], lane.depth); });
      var chosen = document.getElementById('latency-type').value;
      var shown = sample.types.filter(function (t) { return t.type === chosen; })[0];
      // The interval's percentiles when the monitor has them, else those since start; an interval
      // with no event of the type is a gap, not a zero.
      var latency = shown.intervalLatency || shown.latency;
      [latency.p50, latency.p99, latency.p999].forEach(function (nanos, i) {
        push(state.latency[i], nanos === undefined || latency.count === 0 ? null : nanos / 1000);
      });
      var times = state.times;
      var latencyTimes = times.slice(times.length - state.latency[0].length);
      state.charts.rates.setData([times].concat(state.rates));
      state.charts.lanes.setData([times].concat(state.lanes));
      state.charts.latency.setData([latencyTimes].concat(state.latency));
      state.chartUpdates++;
    }
  }

  function subscribers(list) {
    var body = document.querySelector('#subscribers tbody');
    var html = document.createDocumentFragment();
    list.forEach(function (s) {
      var row = document.createElement('tr');
      [s.name, s.kind, s.types.join(' '), s.handlerFailures, s.lagged, s.backlog].forEach(function (value, i) {
        var cell = document.createElement('td');
        cell.textContent = String(value);
        if ((i === 3 || i === 4) && value > 0) {
          cell.className = 'bad';
        }
        row.appendChild(cell);
      });
      html.appendChild(row);
    });
    body.replaceChildren(html);
  }

  function counters(groups) {
    var section = document.getElementById('counters-section');
    var names = Object.keys(groups);
    section.hidden = names.length === 0;
    var holder = document.getElementById('counters');
    var html = document.createDocumentFragment();
    names.forEach(function (group) {
      var table = document.createElement('table');
      var caption = document.createElement('caption');
      caption.textContent = group;
      table.appendChild(caption);
      Object.keys(groups[group]).forEach(function (name) {
        var row = document.createElement('tr');
        var key = document.createElement('td');
        key.textContent = name;
        var value = document.createElement('td');
        value.id = 'counter-' + group + '-' + name;
        value.textContent = String(groups[group][name]);
        row.appendChild(key);
        row.appendChild(value);
        table.appendChild(row);
      });
      html.appendChild(table);
    });
    holder.replaceChildren(html);
  }

  function status(name, label) {
    var element = document.getElementById('status');
    element.className = 'status ' + name;
    element.textContent = label;
  }

  var source = new EventSource('/events' + query);
  source.onopen = function () { status('live', 'live'); };
  source.onerror = function () { status('lost', 'reconnecting'); };
  source.onmessage = function (message) {
    var started = performance.now();
    show(JSON.parse(message.data));
    if (state.samples > 1) { // the first also builds the charts and tables
      state.slowestShowMillis = Math.max(state.slowestShowMillis, performance.now() - started);
    }
  };
}());
