/// <reference lib="dom" />
/**
 * The workbench page's script, served as `/app.js` (`pageScript.toString()`), so it must not
 * refer to anything outside its own body. It adds what a form cannot do by itself: type-ahead
 * for home and destination (suggestions from `/api/suggest`, which forgives umlauts and typos),
 * the destination list, clicks on the map (an Ortsteil, a destination, or any point as
 * `lat,lon`), and clean URLs (empty fields are left out when the form is sent). Without it the
 * form still works. All text from the server is set with `textContent`.
 */
export function pageScript(): void {
  const form = document.getElementById('case') as HTMLFormElement | null;
  if (!form) return;
  const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

  const typeAhead = (input: HTMLInputElement, list: HTMLUListElement, kind: string): void => {
    let timer: number | undefined;
    let active = -1;
    let request = 0;
    const close = (): void => {
      list.hidden = true;
      list.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      active = -1;
    };
    const choose = (value: string): void => {
      input.value = value;
      input.removeAttribute('aria-invalid');
      close();
      input.dispatchEvent(new Event('change'));
    };
    const mark = (): void => {
      Array.from(list.children).forEach((item, i) => item.setAttribute('aria-selected', String(i === active)));
    };
    const show = async (): Promise<void> => {
      const query = input.value.trim();
      const mine = ++request;
      if (query.length < 2 || /^-?\d/.test(query)) return close();
      const response = await fetch(`/api/suggest?kind=${kind}&q=${encodeURIComponent(query)}`);
      if (!response.ok || mine !== request) return;
      const suggestions = (await response.json()) as { value: string; detail: string }[];
      list.textContent = '';
      for (const suggestion of suggestions) {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.textContent = suggestion.value;
        item.dataset.value = suggestion.value;
        if (suggestion.detail && suggestion.detail !== suggestion.value) {
          const detail = document.createElement('small');
          detail.textContent = suggestion.detail;
          item.append(detail);
        }
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(suggestion.value);
        });
        list.append(item);
      }
      active = -1;
      list.hidden = suggestions.length === 0;
      input.setAttribute('aria-expanded', String(suggestions.length > 0));
    };
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void show(), 120);
    });
    input.addEventListener('keydown', (event) => {
      const count = list.children.length;
      if (list.hidden || count === 0) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        active = (active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count;
        mark();
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        choose((list.children[active] as HTMLElement).dataset.value ?? '');
      } else if (event.key === 'Escape') close();
    });
    input.addEventListener('blur', () => window.setTimeout(close, 150));
  };

  const from = byId<HTMLInputElement>('from');
  const to = byId<HTMLInputElement>('to');
  typeAhead(from, byId<HTMLUListElement>('from-list'), 'place');
  typeAhead(to, byId<HTMLUListElement>('to-list'), 'destination');

  const pick = byId<HTMLSelectElement>('to-pick');
  pick.addEventListener('change', () => {
    if (pick.value) to.value = pick.value;
    to.removeAttribute('aria-invalid');
  });

  const dayTypes = byId<HTMLInputElement>('daytypes');
  const week = byId<HTMLInputElement>('week');
  const syncWeek = (): void => {
    week.disabled = dayTypes.checked;
  };
  dayTypes.addEventListener('change', syncWeek);
  syncWeek();

  // Empty fields stay out of the URL, so a link names only what was chosen.
  form.addEventListener('submit', () => {
    for (const element of Array.from(form.elements) as HTMLInputElement[]) {
      if (!element.name) continue;
      if ((element.type === 'radio' || element.type === 'checkbox') && !element.checked) continue;
      if (element.value.trim() === '' || (element.name === 'access' && element.value === 'walk')) element.disabled = true;
    }
    window.setTimeout(() => {
      for (const element of Array.from(form.elements) as HTMLInputElement[]) element.disabled = element === week && dayTypes.checked;
    }, 0);
  });

  const map = document.getElementById('map') as SVGSVGElement | null;
  if (!map) return;
  const ax = Number(map.dataset.ax);
  const bx = Number(map.dataset.bx);
  const ay = Number(map.dataset.ay);
  const by = Number(map.dataset.by);
  const target = (): HTMLInputElement => ((document.querySelector('input[name=mapfor]:checked') as HTMLInputElement | null)?.value === 'to' ? to : from);
  const marker = document.getElementById('marker')!;
  const select = (input: HTMLInputElement, value: string): void => {
    input.value = value;
    input.removeAttribute('aria-invalid');
    input.focus();
  };
  const chooseShape = (shape: Element): void => {
    const name = shape.getAttribute('data-name') ?? '';
    const isDestination = shape.tagName.toLowerCase() === 'rect';
    const input = isDestination ? to : from;
    for (const other of Array.from(map.querySelectorAll(isDestination ? '#destinations .sel' : '#places .sel'))) other.classList.remove('sel');
    shape.classList.add('sel');
    select(input, name);
  };
  for (const shape of Array.from(map.querySelectorAll('[data-name]'))) {
    const name = shape.getAttribute('data-name');
    if (name && (name === (shape.tagName.toLowerCase() === 'rect' ? to.value : from.value))) shape.classList.add('sel');
  }
  map.addEventListener('click', (event) => {
    const shape = (event.target as Element).closest('[data-name]');
    if (shape) return chooseShape(shape);
    const point = map.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const matrix = map.getScreenCTM();
    if (!matrix) return;
    const local = point.matrixTransform(matrix.inverse());
    const lat = (local.y - by) / ay;
    const lon = (local.x - bx) / ax;
    marker.textContent = '';
    const circle = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    circle.setAttribute('cx', String(local.x));
    circle.setAttribute('cy', String(local.y));
    circle.setAttribute('r', '8');
    marker.append(circle);
    select(target(), `${lat.toFixed(5)},${lon.toFixed(5)}`);
  });
  map.addEventListener('keydown', (event) => {
    const shape = (event.target as Element).closest('[data-name]');
    if (shape && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      chooseShape(shape);
    }
  });
}
