// print_check.js - appended (as an inline script) to a copy of a chart's
// HTML by test_chart_print.sh and run in headless Chromium: measures the
// rendered text and writes what overflows into a pre element (#overflow), one
// problem a line ("ok" when none).
//   - the map: each table's id and place lines inside its circle (the real
//     width, with the text's em band), no two names of different tables
//     overlapping, names and the key inside the SVG;
//   - other sections: no element wider than its section (the window is as
//     wide as a portrait A4 page's text);
//   - name badges (section.sheet): every text inside its own box: no
//     wider (scrollWidth within clientWidth), its lines side to side
//     within it, and no more lines than its height holds at its
//     line-height (the font's ascent and descent may reach past a line,
//     as they do everywhere; the ink does not); every box inside its
//     badge, every badge inside its sheet, no two badges overlapping.
(function () {
  const problems = [];
  const band = (t) => {
    const size = +t.getAttribute('font-size');
    const y = +t.getAttribute('y');
    // digits reach 0.75 em; other text its em box
    const half = t.classList.contains('tid') ? 0.375 * size : 0.5 * size;
    return [y - half, y + half];
  };
  const overlap = (a, b) => a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5;
  document.querySelectorAll('section.map svg').forEach((svg, page) => {
    const vb = svg.viewBox.baseVal;
    const names = [];
    for (const g of svg.querySelectorAll('g.tbl')) {
      const id = g.getAttribute('data-table');
      const c = g.querySelector('circle.table');
      const cx = +c.getAttribute('cx'), cy = +c.getAttribute('cy'), r = +c.getAttribute('r');
      let prev = null;
      for (const t of g.querySelectorAll('text.tid, text.place')) {
        const bb = t.getBBox();
        const [y1, y2] = band(t);
        const dy = Math.max(Math.abs(y1 - cy), Math.abs(y2 - cy));
        const half = dy < r ? Math.sqrt(r * r - dy * dy) : 0;
        if (bb.x < cx - half - 0.5 || bb.x + bb.width > cx + half + 0.5) {
          problems.push(`map page ${page + 1} table ${id}: "${t.textContent}" is ${bb.width.toFixed(1)} wide, ` +
                        `the circle ${(2 * half).toFixed(1)} at its height`);
        }
        if (prev && y1 < prev - 0.5) problems.push(`map page ${page + 1} table ${id}: "${t.textContent}" overlaps the line above`);
        prev = y2;
      }
      for (const t of g.querySelectorAll('text.name')) {
        const bb = t.getBBox();
        const [y1, y2] = band(t);
        names.push({ id, text: t.textContent, x1: bb.x, x2: bb.x + bb.width, y1, y2 });
        if (bb.x < -0.5 || bb.x + bb.width > vb.width + 0.5) problems.push(`map page ${page + 1}: name "${t.textContent}" leaves the map`);
      }
    }
    for (let i = 0; i < names.length; i++) {
      for (let k = i + 1; k < names.length; k++) {
        if (names[i].id !== names[k].id && overlap(names[i], names[k])) {
          problems.push(`map page ${page + 1}: "${names[i].text}" (table ${names[i].id}) runs into "${names[k].text}" (table ${names[k].id})`);
        }
      }
    }
    for (const t of svg.querySelectorAll('text.key')) {
      const bb = t.getBBox();
      if (bb.x < -0.5 || bb.x + bb.width > vb.width + 0.5 || bb.y + bb.height > vb.height + 4) {
        problems.push(`map page ${page + 1}: key line "${t.textContent}" leaves the map`);
      }
    }
  });
  const inside = (a, b, slack) => a.left >= b.left - slack && a.right <= b.right + slack &&
    a.top >= b.top - slack && a.bottom <= b.bottom + slack;
  document.querySelectorAll('section.sheet').forEach((sheet, page) => {
    const badges = [...sheet.querySelectorAll('.badge')];
    const boxes = badges.map((b) => b.getBoundingClientRect());
    badges.forEach((badge, i) => {
      const where = `sheet ${page + 1} badge ${badge.dataset.id}`;
      const box = boxes[i];
      if (!inside(box, sheet.getBoundingClientRect(), 1)) problems.push(`${where}: leaves its sheet`);
      for (let k = i + 1; k < badges.length; k++) {
        const o = boxes[k];
        if (box.left < o.right - 1 && o.left < box.right - 1 && box.top < o.bottom - 1 && o.top < box.bottom - 1) {
          problems.push(`${where}: overlaps badge ${badges[k].dataset.id}`);
        }
      }
      for (const el of badge.querySelectorAll('.band, .band span, .kana, .name, .org, .seats, .seat, .cap, .num, .role')) {
        const r = el.getBoundingClientRect();
        const text = `"${el.textContent.slice(0, 40)}"`;
        if (!inside(r, box, 0.5)) problems.push(`${where}: ${el.className} ${text} leaves the badge`);
        if (el.tagName !== 'SPAN' && el.scrollWidth > el.clientWidth + 1) {
          problems.push(`${where}: ${el.className} ${text} is ${el.scrollWidth} px wide in ${el.clientWidth}`);
        }
        // the lines of its own text, as laid out: inside it from side to
        // side, and as many as its height holds
        const tops = new Set();
        for (const node of el.childNodes) {
          if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const line of range.getClientRects()) {
            tops.add(Math.round(line.top));
            if (line.left < r.left - 1 || line.right > r.right + 1) {
              problems.push(`${where}: ${el.className} ${text}: a line runs out of its box ` +
                            `(${line.left.toFixed(0)}..${line.right.toFixed(0)} in ${r.left.toFixed(0)}..${r.right.toFixed(0)})`);
              break;
            }
          }
        }
        const lh = parseFloat(getComputedStyle(el).lineHeight);
        if (el.tagName !== 'SPAN' && tops.size * lh > el.clientHeight + 1) {
          problems.push(`${where}: ${el.className} ${text}: ${tops.size} lines of ${lh.toFixed(1)} px ` +
                        `in ${el.clientHeight} px`);
        }
      }
    });
  });
  // Signs: every line inside the sign, none over the next; a group's track
  // (every track has a グループA) large enough to read across the room.
  document.querySelectorAll('section.sign').forEach((sign, i) => {
    const box = sign.getBoundingClientRect();
    let above = null;
    for (const el of sign.children) {
      const r = el.getBoundingClientRect();
      const text = `"${el.textContent.slice(0, 30)}"`;
      // (only up and down: the copy is laid out at a portrait page's width,
      // the sign prints landscape)
      if (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
        problems.push(`sign ${i + 1}: ${el.className} ${text} leaves the sign`);
      }
      if (above && r.top < above.bottom - 0.5) {
        problems.push(`sign ${i + 1}: ${el.className} ${text} overlaps the line above`);
      }
      above = r;
    }
    const kind = sign.querySelector('.kind'), num = sign.querySelector('.num');
    if (kind && num && !sign.querySelector('.place')) {
      const k = parseFloat(getComputedStyle(kind).fontSize), n = parseFloat(getComputedStyle(num).fontSize);
      if (k < 0.4 * n && kind.scrollWidth < 0.9 * box.width) {
        problems.push(`sign ${i + 1}: the track "${kind.textContent}" is ${k.toFixed(0)} px beside ${n.toFixed(0)} px`);
      }
    }
  });
  for (const section of document.querySelectorAll('section:not(.map):not(.sign):not(.sheet)')) {
    const right = section.getBoundingClientRect().right;
    for (const el of section.querySelectorAll('table, div, p, h2, h3, td, th')) {
      const over = el.getBoundingClientRect().right - right;
      const clipped = el.scrollWidth - el.clientWidth;
      if (over > 1 || (el.tagName !== 'TD' && el.tagName !== 'TH' && clipped > 1)) {
        problems.push(`${section.className}: <${el.tagName.toLowerCase()}> "${el.textContent.slice(0, 40)}" ` +
                      `is ${Math.max(over, clipped).toFixed(0)} px too wide`);
      }
    }
  }
  const out = document.createElement('pre');
  out.id = 'overflow';
  out.textContent = problems.length ? problems.join('\n') : 'ok';
  document.body.append(out);
})();
