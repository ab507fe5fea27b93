/// <reference lib="dom" />
/**
 * The script of the HTML report. It runs in the browser: `renderReportHtml` inlines its source
 * (`clientScript.toString()`), so it must not refer to anything outside its own body (types are
 * fine, they vanish). It reads the embedded JSON ({@link HtmlData}), draws the Ortsteile and
 * destinations, fills the controls, colours by the selection, shows the connections of a clicked
 * Ortsteil and sorts the summary table. All text from the data goes through `textContent`.
 */

/**
 * A journey: `[departure, arrival, transfers, lines, firstStop, lastStop, walk]` — clock times
 * in minutes of the service day (may exceed 1440), walking in minutes, texts as indices into
 * `strings`; `0` when there is none.
 */
export type HtmlJourney = [number, number, number, number, number, number, number] | 0;

/**
 * One Ortsteil × slot × date: `0` when the slot does not apply that day, else
 * `[verdict, outbound, waitBeforeMinutes, return, waitAfterMinutes, reasons]` with the verdict
 * as index into `VERDICTS` and reasons as indices into `strings`.
 */
export type HtmlCell = 0 | [number, HtmlJourney, number | null, HtmlJourney, number | null, number[]];

/** The data embedded in the HTML report, everything positional to keep it small. */
export interface HtmlData {
  /** Verdict labels, symbols and colours, indexed like `VERDICTS`. */
  verdicts: string[];
  symbols: string[];
  colours: string[];
  notAssessed: string;
  /** Homes reach stops by bicycle. */
  bike: boolean;
  /** `[name, gemeinde, x, y, population (0 unknown), always, sometimes, never]`, x/y in map units. */
  places: [string, string, number, number, number, number, number, number][];
  /** `[name, category label, x, y]`. */
  destinations: [string, string, number, number][];
  /** `[destination index, slot label]`. */
  slots: [number, string][];
  /** Labels of the dates, e.g. `Schultag (Mi, 25.11.2026)`. */
  dates: string[];
  strings: string[];
  /** `cells[slot][place][date]`. */
  cells: HtmlCell[][][];
  /** The UI words in the report's language. */
  text: Record<string, string>;
}

/** Runs in the browser; kept free of outer references so its source can be inlined. */
export function clientScript(): void {
  const data = JSON.parse(document.getElementById('data')!.textContent ?? '{}') as HtmlData;
  const t = data.text;
  const svgNs = 'http://www.w3.org/2000/svg';
  const slotSelect = document.getElementById('slot') as HTMLSelectElement;
  const daySelect = document.getElementById('day') as HTMLSelectElement;
  const caption = document.getElementById('caption')!;
  const panel = document.getElementById('panel')!;
  const placesLayer = document.getElementById('places')!;
  const destLayer = document.getElementById('destinations')!;
  const placeLabel = document.getElementById('place-label')!;
  const tbody = document.querySelector('#summary tbody')!;
  const headers = Array.from(document.querySelectorAll('#summary th'));
  const gemeindeLabels = Array.from(document.querySelectorAll<SVGTextElement>('.gemeinden text'));
  const collator = new Intl.Collator(document.documentElement.lang || 'de');
  let selected = -1;
  let sortKey = '1';
  let sortDir = 1;

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };
  const svgEl = (tag: string, attributes: Record<string, string | number>): SVGElement => {
    const node = document.createElementNS(svgNs, tag) as SVGElement;
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  };
  const clock = (minutes: number): string => {
    const day = Math.floor(minutes / 1440);
    const m = minutes - day * 1440;
    const text = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return day === 0 ? text : `${text} (${day > 0 ? '+' : ''}${day} ${t.nextDay})`;
  };
  const slotLabel = (s: number): string => {
    const [d, label] = data.slots[s]!;
    const dest = data.destinations[d]!;
    return `${dest[0]} (${dest[1]}) — ${label}`;
  };

  data.slots.forEach((_, i) => {
    const option = el('option', slotLabel(i));
    option.value = String(i);
    slotSelect.append(option);
  });
  data.dates.forEach((label, i) => {
    const option = el('option', label);
    option.value = String(i);
    daySelect.append(option);
  });

  const circles = data.places.map((place, i) => {
    const radius = place[4] > 0 ? Math.min(15, 3.5 + Math.sqrt(place[4]) / 13) : 4.5;
    const circle = svgEl('circle', { cx: place[2], cy: place[3], r: radius.toFixed(1), tabindex: 0, 'data-name': place[0] });
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = place[1] && place[1] !== place[0] ? `${place[0]} (${place[1]})` : place[0];
    circle.append(title);
    circle.addEventListener('click', () => select(i));
    circle.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') select(i);
    });
    return circle;
  });
  // Larger places first, so small villages stay clickable on top.
  [...circles].sort((a, b) => Number(b.getAttribute('r')) - Number(a.getAttribute('r'))).forEach((c) => placesLayer.append(c));

  const destMarks = data.destinations.map((dest, d) => {
    const group = svgEl('g', {});
    const rect = svgEl('rect', { x: dest[2] - 5, y: dest[3] - 5, width: 10, height: 10, class: 'dest', tabindex: 0 });
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = `${dest[0]} (${dest[1]})`;
    rect.append(title);
    const label = svgEl('text', { x: dest[2] + 9, y: dest[3] + 5 });
    label.textContent = dest[0];
    // Clicking a destination selects its first slot.
    const choose = (): void => {
      const first = data.slots.findIndex(([index]) => index === d);
      if (first < 0 || data.slots[Number(slotSelect.value)]?.[0] === d) return;
      slotSelect.value = String(first);
      update();
    };
    rect.addEventListener('click', choose);
    rect.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') choose();
    });
    group.append(rect, label);
    destLayer.append(group);
    return { group, rect, label };
  });

  const cellAt = (place: number, day: number): HtmlCell => data.cells[Number(slotSelect.value)]?.[place]?.[day] ?? 0;
  const cell = (place: number): HtmlCell => cellAt(place, Number(daySelect.value));
  const verdictOf = (place: number): number => {
    const c = cell(place);
    return c === 0 ? -1 : c[0];
  };
  const badge = (v: number): HTMLElement => {
    const span = el('span', undefined, 'badge');
    span.style.background = v < 0 ? data.notAssessed : data.colours[v]!;
    return span;
  };
  const verdictText = (v: number): string => (v < 0 ? t.notAssessed! : `${data.symbols[v]} ${data.verdicts[v]}`);

  function journeyLines(direction: string, journey: HtmlJourney, wait: number | null): HTMLElement[] {
    if (journey === 0) return [el('p', `${direction}: ${t.none}`)];
    const [dep, arr, changes, routes, first, last, walk] = journey;
    const lines = data.strings[routes] ?? '';
    const walkLabel = data.bike ? t.walkOrBike : t.walk;
    const details = lines
      ? [`${lines.includes('→') ? t.lines : t.line} ${lines}`, `${changes} ${changes === 1 ? t.change : t.changes}`]
      : [`${t.onFoot} ${walk} min`];
    if (wait !== null) details.push(`${t.wait} ${wait} min`);
    const main = el('p', `${direction}: ${t.dep} ${clock(dep)}, ${t.arr} ${clock(arr)} (${details.join(', ')})`);
    const parts: HTMLElement[] = [main];
    if (lines) {
      const walkText = walk > 0 ? `; ${walkLabel} ${walk} min` : '';
      parts.push(el('p', `${data.strings[first]} → ${data.strings[last]}${walkText}`, 'sub'));
    }
    return parts;
  }

  function showPanel(): void {
    panel.replaceChildren();
    if (selected < 0) {
      panel.append(el('p', t.clickHint, 'hint'));
      return;
    }
    const place = data.places[selected]!;
    panel.append(el('h3', place[1] && place[1] !== place[0] ? `${place[0]} (${place[1]})` : place[0]));
    panel.append(el('p', slotLabel(Number(slotSelect.value)), 'meta'));
    panel.append(el('p', data.dates[Number(daySelect.value)], 'meta'));
    const c = cell(selected);
    const verdict = el('p', undefined, 'verdict');
    verdict.append(badge(c === 0 ? -1 : c[0]), document.createTextNode(verdictText(c === 0 ? -1 : c[0])));
    panel.append(verdict);
    if (c !== 0) {
      panel.append(...journeyLines(t.there!, c[1], c[2]), ...journeyLines(t.back!, c[3], c[4]));
      if (c[5].length > 0) {
        panel.append(el('p', `${t.reasons}:`));
        const list = el('ul');
        for (const reason of c[5]) list.append(el('li', data.strings[reason]));
        panel.append(list);
      }
    }
    // The same slot on every day assessed: "works on school days only" at a glance.
    if (data.dates.length > 1) {
      panel.append(el('p', `${t.otherDays}:`));
      const list = el('ul', undefined, 'days');
      data.dates.forEach((label, day) => {
        const other = cellAt(selected, day);
        const v = other === 0 ? -1 : other[0];
        const button = el('button', undefined, day === Number(daySelect.value) ? 'current' : undefined);
        button.type = 'button';
        button.append(badge(v), document.createTextNode(`${label}: ${v < 0 ? '–' : data.verdicts[v]}`));
        button.addEventListener('click', () => {
          daySelect.value = String(day);
          update();
        });
        const item = el('li');
        item.append(button);
        list.append(item);
      });
      panel.append(list);
    }
  }

  function showPlaceLabel(): void {
    if (selected < 0) {
      placeLabel.setAttribute('visibility', 'hidden');
      return;
    }
    const place = data.places[selected]!;
    const r = Number(circles[selected]!.getAttribute('r'));
    placeLabel.textContent = place[0];
    placeLabel.setAttribute('x', String(place[2] + r + 3));
    placeLabel.setAttribute('y', String(place[3] - r - 2));
    placeLabel.setAttribute('visibility', 'visible');
  }

  /** Hides Gemeinde names under the label of the selected Ortsteil or the active destination. */
  function declutter(labels: SVGGraphicsElement[]): void {
    const boxes = labels.filter((label) => label.getAttribute('visibility') === 'visible').map((label) => label.getBBox());
    for (const text of gemeindeLabels) {
      const b = text.getBBox();
      const covered = boxes.some((a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height);
      text.setAttribute('visibility', covered ? 'hidden' : 'visible');
    }
  }

  function select(index: number): void {
    selected = index;
    update();
  }

  function renderTable(): void {
    const rows = data.places.map((place, i) => ({ place, i, v: verdictOf(i) }));
    rows.sort((a, b) => {
      // "Not assessed" sorts after every verdict.
      const x = sortKey === 'sel' ? (a.v < 0 ? 99 : a.v) : a.place[Number(sortKey)]!;
      const y = sortKey === 'sel' ? (b.v < 0 ? 99 : b.v) : b.place[Number(sortKey)]!;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return order * sortDir || collator.compare(a.place[1], b.place[1]) || collator.compare(a.place[0], b.place[0]);
    });
    tbody.replaceChildren(
      ...rows.map(({ place, i, v }) => {
        const tr = el('tr', undefined, i === selected ? 'sel' : undefined);
        tr.append(el('td', place[1]), el('td', place[0]), el('td', place[4] ? place[4].toLocaleString('de-DE') : '', 'num'));
        tr.append(el('td', String(place[5]), 'num'), el('td', String(place[6]), 'num'), el('td', String(place[7]), 'num'));
        const verdict = el('td');
        verdict.append(badge(v), document.createTextNode(v < 0 ? '–' : verdictText(v)));
        tr.append(verdict);
        tr.addEventListener('click', () => {
          select(i);
          document.querySelector('main')!.scrollIntoView({ behavior: 'smooth' });
        });
        return tr;
      }),
    );
    headers.forEach((th) => {
      const key = th.getAttribute('data-key');
      th.setAttribute('aria-sort', key !== sortKey ? 'none' : sortDir > 0 ? 'ascending' : 'descending');
    });
  }

  function update(): void {
    circles.forEach((circle, i) => {
      const v = verdictOf(i);
      circle.setAttribute('fill', v < 0 ? data.notAssessed : data.colours[v]!);
      circle.setAttribute('class', `pl ${v < 0 ? 'na' : `v${v}`}${i === selected ? ' sel' : ''}`);
    });
    const active = data.slots[Number(slotSelect.value)]?.[0];
    destMarks.forEach((mark, d) => {
      mark.rect.setAttribute('class', d === active ? 'dest active' : 'dest');
      mark.label.setAttribute('visibility', d === active ? 'visible' : 'hidden');
    });
    // The active destination on top of the others.
    if (active !== undefined && destMarks[active]) destLayer.append(destMarks[active].group);
    caption.textContent = `${slotLabel(Number(slotSelect.value))} · ${data.dates[Number(daySelect.value)] ?? ''}`;
    showPlaceLabel();
    declutter([placeLabel as unknown as SVGGraphicsElement, ...destMarks.map((mark) => mark.label as SVGGraphicsElement)]);
    renderTable();
    showPanel();
  }

  const sortBy = (th: Element): void => {
    const key = th.getAttribute('data-key') ?? '1';
    // Names sort A→Z first, the selection best first; numbers largest first.
    sortDir = key === sortKey ? -sortDir : key === '0' || key === '1' || key === 'sel' ? 1 : -1;
    sortKey = key;
    renderTable();
  };
  headers.forEach((th) => {
    th.addEventListener('click', () => sortBy(th));
    th.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') sortBy(th);
    });
  });
  slotSelect.addEventListener('change', update);
  daySelect.addEventListener('change', update);
  update();
}
