/**
 * The script the report page runs (plain ES2017, kept as text because the page has no build step): it reads the
 * embedded JSON (`#report-data`), fills the variant, seed and service selectors, and draws each chart with the
 * global `echarts` inlined before it. Names from the result only ever reach the page as text (`textContent`,
 * canvas labels), never as HTML.
 *
 * @module
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var C = { running: '#0969da', desired: '#1b1f24', pending: '#bf8700', cpu: '#8250df', mem: '#1a7f37',
    offered: '#57606a', served: '#0969da', dropped: '#cf222e', od: '#0969da', spot: '#bf8700',
    deployment: '#0969da', fault: '#cf222e', scaling: '#8c959f', operation: '#8250df' };
  var state = { variant: 0, seed: 0, service: 0 };
  var renders = 0;
  var charts = {};
  var CHART_IDS = ['chart-tasks', 'chart-utilization', 'chart-load', 'chart-fan', 'chart-vcpu', 'chart-ips', 'chart-cost', 'chart-events'];
  CHART_IDS.forEach(function (id) { charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' }); });

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function clock(ms, withSeconds) {
    var t = Math.floor(ms / 1000), h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60);
    return pad(h) + ':' + pad(m) + (withSeconds ? ':' + pad(t % 60) : '');
  }
  function labelsFor(seed) {
    var out = [], withSeconds = seed.periodMs % 60000 !== 0;
    for (var i = 0; i < seed.periods; i++) out.push(clock(i * seed.periodMs, withSeconds));
    return out;
  }
  // Ticks on round clock times (every 5 min … 24 h), about ten per axis, rather than wherever the axis falls.
  function tickEvery(seed) {
    var steps = [60000, 300000, 600000, 900000, 1800000, 3600000, 7200000, 10800000, 14400000, 21600000, 43200000, 86400000];
    var span = seed.periods * seed.periodMs, step = steps[steps.length - 1];
    for (var k = 0; k < steps.length; k++) if (span / steps[k] <= 12 && steps[k] % seed.periodMs === 0) { step = steps[k]; break; }
    return function (index) { return (index * seed.periodMs) % step === 0; };
  }
  function indexAt(seed, ms) {
    var i = Math.floor((ms - seed.startMs) / seed.periodMs);
    return Math.max(0, Math.min(seed.periods - 1, i));
  }
  function perSecond(xs, periodMs) { return xs.map(function (x) { return x / (periodMs / 1000); }); }
  function cumulative(xs) { var s = 0; return xs.map(function (x) { s += x; return Math.round(s * 1e6) / 1e6; }); }
  function fmt(x, d) { return x === null || x === undefined ? '–' : Number(x).toFixed(d); }

  function baseOption(seed, yName, extra) {
    var o = {
      animation: false,
      aria: { enabled: true },
      grid: { left: 64, right: 24, top: 44, bottom: 64 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      dataZoom: [{ type: 'inside' }],
      xAxis: { type: 'category', data: labelsFor(seed), boundaryGap: false, name: 'time since start (HH:MM)',
        nameLocation: 'middle', nameGap: 36, axisLabel: { interval: tickEvery(seed) }, axisTick: { interval: tickEvery(seed) } },
      yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 48, min: 0 },
      series: []
    };
    for (var k in extra) o[k] = extra[k];
    return o;
  }
  function line(name, values, color, opts) {
    var s = { name: name, type: 'line', data: values, showSymbol: false, color: color, lineStyle: { width: 1.5 } };
    for (var k in opts) s[k] = opts[k];
    return s;
  }

  // Markers: lines at each moment, shaded windows for faults with an end; those of another service are left out.
  function markersFor(seed, service, kinds) {
    var lines = [], areas = [];
    seed.markers.forEach(function (m) {
      if (kinds.indexOf(m.kind) < 0) return;
      if (service !== null && m.service !== undefined && m.service !== service) return;
      var i = indexAt(seed, m.atMs), color = C[m.kind] || '#57606a';
      if (m.endMs !== undefined) {
        areas.push([{ xAxis: i, name: m.label, itemStyle: { color: 'rgba(207,34,46,0.10)' } }, { xAxis: indexAt(seed, m.endMs) }]);
      }
      lines.push({ xAxis: i, name: m.label, lineStyle: { color: color, type: m.kind === 'deployment' ? 'dashed' : 'solid' },
        label: { formatter: function () { return m.label; }, color: color, fontSize: 10 } });
    });
    return {
      markLine: { symbol: 'none', silent: false, data: lines, label: { position: 'insideEndTop' } },
      markArea: { silent: true, data: areas, label: { show: false } }
    };
  }

  function render() {
    var variant = data.variants[state.variant];
    var seed = variant.seeds[state.seed];
    if (seed === undefined) return;
    var svc = data.chartServices[state.service];
    var series = svc !== undefined ? seed.services[svc] : undefined;
    var periodMs = seed.periodMs;
    var svcMarks = markersFor(seed, svc === undefined ? null : svc, ['deployment', 'fault', 'scaling', 'operation']);
    var faultMarks = markersFor(seed, null, ['fault']);
    var empty = [];

    charts['chart-tasks'].setOption(baseOption(seed, 'tasks', { series: series ? [
      line('Running', series.RunningTaskCount, C.running, { step: 'end', areaStyle: { opacity: 0.08 }, markLine: svcMarks.markLine, markArea: svcMarks.markArea }),
      line('Desired', series.DesiredTaskCount, C.desired, { step: 'end', lineStyle: { width: 1.5, type: 'dashed' } }),
      line('Pending', series.PendingTaskCount, C.pending, { step: 'end', lineStyle: { width: 1 } })
    ] : empty }), { notMerge: true });

    var target = svc !== undefined ? data.scalingTargets[svc] : undefined;
    var targetLine = target && target.metric !== 'ALBRequestCountPerTarget' ? { symbol: 'none', data: [{ yAxis: target.targetValue,
      label: { formatter: 'target ' + target.targetValue + ' % (' + (target.metric.indexOf('Memory') >= 0 ? 'memory' : 'CPU') + ')', position: 'insideEndTop' } }],
      lineStyle: { color: '#cf222e', type: 'dashed' } } : undefined;
    charts['chart-utilization'].setOption(baseOption(seed, 'utilization (%)', {
      yAxis: { type: 'value', name: 'utilization (%)', nameLocation: 'middle', nameGap: 48, min: 0, max: 100 },
      series: series ? [
        line('CPUUtilization', series.CPUUtilization, C.cpu, targetLine ? { markLine: targetLine } : {}),
        line('MemoryUtilization', series.MemoryUtilization, C.mem, { lineStyle: { width: 1 } })
      ] : empty }), { notMerge: true });

    charts['chart-load'].setOption(baseOption(seed, 'requests/s', { series: series ? [
      line('Offered', perSecond(series.OfferedRequests, periodMs), C.offered, { lineStyle: { width: 1.5, type: 'dashed' } }),
      line('Served', perSecond(series.ServedRequests, periodMs), C.served, { areaStyle: { opacity: 0.08 } }),
      line('Dropped', perSecond(series.DroppedRequests, periodMs), C.dropped, { areaStyle: { opacity: 0.25 }, markLine: svcMarks.markLine })
    ] : empty }), { notMerge: true });

    var fan = svc !== undefined ? variant.fan[svc] : undefined;
    var band = fan ? fan.p90.map(function (x, i) { return x - fan.p10[i]; }) : empty;
    charts['chart-fan'].setOption(baseOption(seed, 'running tasks', {
      tooltip: { trigger: 'axis', formatter: function (ps) {
        var i = ps.length ? ps[0].dataIndex : 0;
        return ps.length && fan ? ps[0].axisValue + '<br>p90 ' + fmt(fan.p90[i], 1) + '<br>p50 ' + fmt(fan.p50[i], 1) + '<br>p10 ' + fmt(fan.p10[i], 1) : '';
      } },
      series: fan ? [
        line('p10', fan.p10, C.running, { stack: 'fan', lineStyle: { opacity: 0 }, legendHoverLink: false }),
        line('p10–p90', band, C.running, { stack: 'fan', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.25 } }),
        line('p50', fan.p50, C.desired, { lineStyle: { width: 2 } })
      ] : empty }), { notMerge: true });

    var a = seed.account;
    charts['chart-vcpu'].setOption(baseOption(seed, 'vCPU', { series: [
      line('On-Demand in use', a.OnDemandVcpuInUse, C.od, { areaStyle: { opacity: 0.12 }, markLine: faultMarks.markLine, markArea: faultMarks.markArea }),
      line('On-Demand quota', a.OnDemandVcpuQuota, C.od, { lineStyle: { width: 1.5, type: 'dashed' } }),
      line('Spot in use', a.SpotVcpuInUse, C.spot, { areaStyle: { opacity: 0.12 } }),
      line('Spot quota', a.SpotVcpuQuota, C.spot, { lineStyle: { width: 1.5, type: 'dashed' } })
    ] }), { notMerge: true });

    var subnetIds = Object.keys(seed.subnets);
    charts['chart-ips'].setOption(baseOption(seed, 'free IPs', { series: subnetIds.map(function (id, k) {
      return line(id, seed.subnets[id], undefined, k === 0 ? { markLine: faultMarks.markLine, markArea: faultMarks.markArea } : {});
    }) }), { notMerge: true });

    // The selected variant and seed, and the same seed of every other variant for comparison.
    charts['chart-cost'].setOption(baseOption(seed, 'USD (cumulative)', { series: data.variants.map(function (v, k) {
      var s = k === state.variant ? seed : (v.seeds.filter(function (x) { return x.seed === seed.seed; })[0] || v.seeds[0]);
      return s ? line(v.name + ' (seed ' + s.seed + ')', cumulative(s.account.CostUsd), undefined,
        k === state.variant ? { lineStyle: { width: 2.5 }, areaStyle: { opacity: 0.08 }, z: 3 } : { lineStyle: { width: 1.5, type: 'dashed' } }) : null;
    }).filter(function (x) { return x !== null; }) }), { notMerge: true });

    charts['chart-events'].setOption(baseOption(seed, 'events per period', {
      xAxis: { type: 'category', data: labelsFor(seed), name: 'time since start (HH:MM)', nameLocation: 'middle', nameGap: 36,
        axisLabel: { interval: tickEvery(seed) }, axisTick: { interval: tickEvery(seed) } },
      series: [
        { name: 'Launch failures', type: 'bar', stack: 'ev', data: a.LaunchFailures, color: C.dropped },
        { name: 'Throttles', type: 'bar', stack: 'ev', data: a.Throttles, color: C.pending },
        { name: 'Spot interruptions', type: 'bar', stack: 'ev', data: a.SpotInterruptions, color: C.cpu },
        { name: 'Deployments started', type: 'bar', stack: 'ev', data: a.DeploymentsStarted, color: C.running }
      ] }), { notMerge: true });

    document.querySelectorAll('.outcomes').forEach(function (el) {
      el.hidden = Number(el.getAttribute('data-variant-index')) !== state.variant;
    });
    document.querySelectorAll('#comparison-table tbody tr').forEach(function (tr, i) {
      tr.classList.toggle('selected', i === state.variant);
    });
    var notes = document.getElementById('notes');
    notes.textContent = '';
    seed.notes.forEach(function (n) { var li = document.createElement('li'); li.textContent = n; notes.appendChild(li); });
    document.getElementById('notes-section').hidden = seed.notes.length === 0;
    renders++;
    document.body.setAttribute('data-renders', String(renders));
    document.body.setAttribute('data-state', JSON.stringify({ variant: variant.name, seed: seed.seed, service: svc === undefined ? null : svc }));
  }

  function fill(select, labels, selected) {
    select.textContent = '';
    labels.forEach(function (label, i) {
      var o = document.createElement('option');
      o.value = String(i); o.textContent = label; o.selected = i === selected;
      select.appendChild(o);
    });
  }
  var vSel = document.getElementById('variant-select'), sSel = document.getElementById('seed-select'), svcSel = document.getElementById('service-select');
  function fillSeeds() {
    var v = data.variants[state.variant];
    fill(sSel, v.seeds.map(function (s) { return 'seed ' + s.seed; }), state.seed);
  }
  fill(vSel, data.variants.map(function (v) { return v.name + (v.name === data.best ? ' (best)' : ''); }), 0);
  fillSeeds();
  fill(svcSel, data.chartServices, 0);
  vSel.addEventListener('change', function () { state.variant = Number(vSel.value); state.seed = 0; fillSeeds(); render(); });
  sSel.addEventListener('change', function () { state.seed = Number(sSel.value); render(); });
  svcSel.addEventListener('change', function () { state.service = Number(svcSel.value); render(); });
  window.addEventListener('resize', function () { CHART_IDS.forEach(function (id) { charts[id].resize(); }); });
  if (data.variants.length > 0 && data.variants[0].seeds.length > 0) render();
})();
`;
