/// <reference lib="dom" />
/**
 * The script of the HTML report. It runs in the browser: `renderReportHtml` inlines its source
 * (`clientScript.toString()`), so it must not refer to anything outside its own body. It reads
 * the embedded JSON, draws the Ortsteile and destinations, fills the controls, colours by the
 * selection, shows the connections of a clicked Ortsteil and sorts the summary table. All text
 * from the data goes through `textContent`.
 */

/** Runs in the browser; kept free of outer references so its source can be inlined. */
export function clientScript(): void {
  type Journey = [number | null, number | null, number, number, number, number, number | null] | [];
  type Cell = 0 | [number, Journey, number | null, Journey, number | null, number[]];
  interface Data {
    verdicts: string[];
    colours: string[];
    notAssessed: string;
    places: [string, string, number, number, number, number, number, number][];
    destinations: [string, string, number, number][];
    slots: [number, string][];
    dates: string[];
    strings: string[];
    cells: Cell[][][];
    text: Record<string, string>;
  }
  const data = JSON.parse(document.getElementById('data')!.textContent ?? '{}') as Data;
  const t = data.text;
  const svgNs = 'http://www.w3.org/2000/svg';
  const slotSelect = document.getElementById('slot') as HTMLSelectElement;
  const daySelect = document.getElementById('day') as HTMLSelectElement;
  const panel = document.getElementById('panel')!;
  const placesLayer = document.getElementById('places')!;
  const destLayer = document.getElementById('destinations')!;
  const tbody = document.querySelector('#summary tbody')!;
  let selected = -1;
  let sortKey: string = '1';
  let sortDir = 1;

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };
  const clock = (minutes: number | null): string => {
    if (minutes === null) return '–';
    const day = Math.floor(minutes / 1440);
    const m = minutes - day * 1440;
    const text = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return day === 0 ? text : `${text} (${day > 0 ? '+' : ''}${day})`;
  };

  data.slots.forEach(([d, label], i) => {
    const option = el('option', `${data.destinations[d]![0]} (${data.destinations[d]![1]}) — ${label}`);
    option.value = String(i);
    slotSelect.append(option);
  });
  data.dates.forEach((label, i) => {
    const option = el('option', label);
    option.value = String(i);
    daySelect.append(option);
  });

  const circles = data.places.map((place, i) => {
    const circle = document.createElementNS(svgNs, 'circle');
    circle.setAttribute('cx', String(place[2]));
    circle.setAttribute('cy', String(place[3]));
    circle.setAttribute('r', String(place[4] > 0 ? Math.min(14, 3.5 + Math.sqrt(place[4]) / 14) : 4));
    circle.setAttribute('tabindex', '0');
    circle.setAttribute('data-name', place[0]);
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = `${place[0]} (${place[1]})`;
    circle.append(title);
    circle.addEventListener('click', () => select(i));
    circle.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') select(i);
    });
    placesLayer.append(circle);
    return circle;
  });
  // Larger places first, so small villages stay clickable on top.
  [...circles].sort((a, b) => Number(b.getAttribute('r')) - Number(a.getAttribute('r'))).forEach((c) => placesLayer.append(c));

  const destMarks = data.destinations.map((dest) => {
    const group = document.createElementNS(svgNs, 'g');
    const rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('x', String(dest[2] - 5));
    rect.setAttribute('y', String(dest[3] - 5));
    rect.setAttribute('width', '10');
    rect.setAttribute('height', '10');
    rect.setAttribute('class', 'dest');
    const label = document.createElementNS(svgNs, 'text');
    label.setAttribute('x', String(dest[2] + 8));
    label.setAttribute('y', String(dest[3] + 4));
    label.textContent = dest[0];
    group.append(rect, label);
    destLayer.append(group);
    return { rect, label };
  });

  const cell = (place: number): Cell => data.cells[Number(slotSelect.value)]?.[place]?.[Number(daySelect.value)] ?? 0;

  function journeyLines(direction: string, journey: Journey, wait: number | null): HTMLElement {
    const p = el('p');
    if (journey.length === 0) {
      p.textContent = `${direction}: ${t.none}`;
      return p;
    }
    const [dep, arr, changes, routes, first, last, walk] = journey;
    const via = data.strings[routes] ? `, ${t.lines} ${data.strings[routes]}` : '';
    const stops = data.strings[first] ? ` (${data.strings[first]} → ${data.strings[last]})` : '';
    const waitText = wait === null ? '' : `, ${t.wait} ${wait} min`;
    p.textContent = `${direction}: ${t.dep} ${clock(dep)}, ${t.arr} ${clock(arr)}${via}${stops}, ${changes} ${t.changes}, ${t.walk} ${walk ?? 0} min${waitText}`;
    return p;
  }

  function showPanel(): void {
    panel.replaceChildren();
    if (selected < 0) {
      panel.append(el('p', t.clickHint, 'hint'));
      return;
    }
    const place = data.places[selected]!;
    panel.append(el('h3', `${place[0]} (${place[1]})`));
    const [d, label] = data.slots[Number(slotSelect.value)]!;
    panel.append(el('p', `${data.destinations[d]![0]} — ${label} — ${data.dates[Number(daySelect.value)]}`));
    const c = cell(selected);
    if (c === 0) {
      panel.append(el('p', data.text.notAssessed));
      return;
    }
    panel.append(el('p', data.verdicts[c[0]], 'verdict'));
    panel.append(journeyLines(t.there ?? '', c[1], c[2]));
    panel.append(journeyLines(t.back ?? '', c[3], c[4]));
    if (c[5].length > 0) {
      panel.append(el('p', `${t.reasons}:`));
      const list = el('ul');
      for (const reason of c[5]) list.append(el('li', data.strings[reason]));
      panel.append(list);
    }
  }

  function select(index: number): void {
    if (selected >= 0) circles[selected]!.classList.remove('sel');
    selected = index;
    circles[index]!.classList.add('sel');
    showPanel();
  }

  function verdictOf(place: number): number {
    const c = cell(place);
    return c === 0 ? -1 : c[0];
  }

  function renderTable(): void {
    const rows = data.places.map((place, i) => ({ place, i, v: verdictOf(i) }));
    rows.sort((a, b) => {
      const key = sortKey;
      const x = key === 'sel' ? a.v : a.place[Number(key) as 0];
      const y = key === 'sel' ? b.v : b.place[Number(key) as 0];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'de');
      return order * sortDir || a.place[0].localeCompare(b.place[0], 'de');
    });
    tbody.replaceChildren(
      ...rows.map(({ place, i, v }) => {
        const tr = el('tr');
        tr.append(el('td', place[1]), el('td', place[0]), el('td', place[4] ? place[4].toLocaleString('de-DE') : '', 'num'));
        tr.append(el('td', String(place[5]), 'num'), el('td', String(place[6]), 'num'), el('td', String(place[7]), 'num'));
        const verdict = el('td');
        const badge = el('span', undefined, 'badge');
        badge.style.background = v < 0 ? data.notAssessed : data.colours[v]!;
        verdict.append(badge, document.createTextNode(v < 0 ? '–' : data.verdicts[v]!));
        tr.append(verdict);
        tr.addEventListener('click', () => select(i));
        return tr;
      }),
    );
  }

  function update(): void {
    circles.forEach((circle, i) => {
      const v = verdictOf(i);
      circle.setAttribute('fill', v < 0 ? data.notAssessed : data.colours[v]!);
      circle.setAttribute('class', `${v < 0 ? 'na' : `v${v}`}${i === selected ? ' sel' : ''}`);
    });
    const active = data.slots[Number(slotSelect.value)]?.[0];
    destMarks.forEach((mark, d) => {
      mark.rect.setAttribute('class', d === active ? 'dest active' : 'dest');
      mark.label.setAttribute('visibility', d === active ? 'visible' : 'hidden');
    });
    renderTable();
    showPanel();
  }

  document.querySelectorAll('#summary th').forEach((th) => {
    th.addEventListener('click', () => {
      const key = th.getAttribute('data-key') ?? '1';
      // Names sort A→Z first; numbers largest first.
      sortDir = key === sortKey ? -sortDir : key === '0' || key === '1' ? 1 : -1;
      sortKey = key;
      renderTable();
    });
  });
  slotSelect.addEventListener('change', update);
  daySelect.addEventListener('change', update);
  update();
}
