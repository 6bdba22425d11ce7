// app.js - the organisers' page for `tsunagu serve`.
//
// Everything the page shows comes from the server: the checks and summary
// of the attendee list, the event settings, the plan, and the room map,
// which is the SVG of the printed chart itself (print.html), not a second
// drawing.  Attendee text only ever reaches the page through textContent
// or through nodes parsed from the server's escaped chart; never innerHTML.
'use strict';

const T = {
  ja: {
    appTitle: '席決め', startTitle: '1. 参加者名簿を読み込む',
    dropBig: 'ここに名簿ファイルをドロップ',
    dropSmall: 'CSV（Excel で保存したもの、Shift_JIS でも可）または JSON',
    templateLabel: '会の種類', chooseFile: 'ファイルを選ぶ', earlierTitle: '前に作った計画を開く', noEvents: 'まだありません。',
    eventsLoading: '読み込んでいます…', eventsError: '一覧を読み込めませんでした。', eventsRetry: 'もう一度読み込む',
    personalData: '名簿には参加者の個人情報が入っています。使い終わったイベントは「削除」してください（このパソコンの保存先から、名簿・計画・座席表がすべて消えます）。',
    listDate: '開催日 %s', listNoDate: '開催日 未設定', listCreated: '作成 %s', listUpdated: '更新 %s', jobQueued: '順番待ち', jobRunning: '計算中',
    eventWhich: '%s 作成、%d 人、番号 %s',
    eventGone: '「%s」は削除されたか、もうありません（別のタブ・画面で削除されたのかもしれません）。一覧に戻りました。',
    rename: '名前を変える', renameTitle: 'イベントの名前を変える', renameLabel: '新しい名前', renameSave: '名前を保存',
    renamed: '名前を「%s」にしました。', cancel: 'やめる', delete: '削除',
    deleteTitle: 'イベントを削除する',
    deleteText: '「%s」（%s 作成、番号 %s）を削除しますか？ このイベントの名簿（%d 人）・計画・座席表は、すべてこのパソコンの保存先から消えます。',
    deleteCopies: 'ダウンロードしたファイルや印刷した紙は消えません。不要になったら、ご自身で削除・処分してください。',
    deleteFinal: '削除すると元に戻せません。', deleteConfirm: '削除する', deleted: '「%s」を削除しました。',
    backToStart: '別の名簿・計画へ', checkTitle: '2. 名簿の確認', summaryTitle: '人数の内訳を見る',
    replaceList: '名簿を差し替える（追加の申込み・キャンセル）', settingsTitle: '3. 会の設定',
    settingsHelp: 'テーブルの数と人数、必ず守る決まりを選びます。変えたら「設定を保存」を押してください。',
    saveSettings: '設定を保存', saved: '保存しました', solveTitle: '4. 席を決める', solve: '席を決める',
    solveAgain: '席を決め直す', solveFresh: '最初から作り直す',
    colSession: '部', colTables: 'テーブル数', colResult: '結果', colTime: '時間',
    mapTitle: '5. 会場図',
    mapHint: '名前をつかんで別のテーブルへドラッグすると、その人を移して席を決め直します（ほかの人はなるべく動かしません）。名前をクリックすると詳しい情報と操作が出ます。',
    pinsTitle: '固定した席', changesTitle: '変わったところ',
    historyTitle: 'これまでの変更（前の席に戻す）', historyNow: 'いまの席', historyBack: 'この時点の席に戻す',
    historyBackAsk: 'この時点の席に戻しますか？ そのあとの当日参加・欠席・移動も、この時点のとおりに戻ります（いまの席も履歴に残るので、また戻せます）。', historyBackDone: '前の席に戻しました',
    historyHelp: '席を決めるたび、当日の変更のたびに、その時点の席が残っています。前の席に戻すと、それも新しい変更として残ります。',
    deskTitle: '6. 当日の受付: 飛び入り参加を加える',
    deskHelp: '空いている席のうち一番合う席に座ってもらいます。ほかの人は動きません。欠席の人は会場図で名前をクリックして外します。',
    fName: '氏名', fKana: 'ふりがな', fProfession: '職種', fOrganization: '所属', fRegion: '地域',
    fExperience: '経験',
    expExperienced: '経験あり', expPlanning: 'これから（初めて）',
    addWalkin: 'この人の席を決める', printTitle: '7. 印刷・保存', openPrint: '印刷画面を開く',
    openPrintSheets: '印刷画面（進行役用名簿を 1 テーブル 1 枚に）',
    openBadges: '名札を印刷', badgeLayoutLabel: '用紙',
    dlHtml: '座席表をダウンロード (HTML)', dlCsv: '名札用 CSV', dlCsvSjis: '名札用 CSV（Shift_JIS）',
    dlPlan: '計画ファイル (JSON)', reportTitle: '計画の報告', close: '閉じる', removePerson: '欠席として外す',
    open: '開く', people: '人', planNo: '計画 %d 版', noPlan: 'まだ席は決めていません',
    uploading: '読み込んでいます…', listOk: 'この名簿は使えます（%d 人）。',
    listWarnings: '警告が %d 件あります。確認してください。',
    tables: 'テーブルの数', auto: '自動で決める', sizeMin: '1 卓の人数 最少', sizeMax: '最多',
    groupsPerTrack: '職種ごとのグループ数', hardRule: '必ず守る',
    dayTitle: '会の名前・日付・会場（印刷物の見出し）', eventTitle: '会の名前', eventDate: '日付', eventVenue: '会場',
    replaceKept: '名簿は差し替えていません（いまの名簿のままです）。',
    solving: '計算中です… %s %s 秒', solvingStart: '計算を始めています…', queued: 'ほかのイベントの計算が終わるのを待っています…', solved: '席が決まりました。',
    failed: '席を決められませんでした。次を確認してください。',
    optimal: '最適（証明済み）', feasible: '実行可能（最適とは限らない、差 %s%%）',
    feasibleNoBound: '実行可能（最適とは限らない、差は不明）',
    infeasible: '決められない', not_solved: '未計算', seconds: '%s 秒',
    moveTo: '%s をこのテーブルへ:', moveButton: '移す', movePrompt: '%s を %s に移して席を決め直します。',
    moving: '%s を移して席を決め直しています…', removeConfirm: '%s を欠席として外しますか？ ほかの人は動きません。',
    removed: '%s を外しました。', added: '%s の席を決めました。',
    removedMoved: '%s を外しました。必須の規則を守るため、次の人の席を移しました: %s',
    cancelledTitle: '欠席にした人', restore: 'また座らせる', restored: '%s の席を決めました（ほかの人は動いていません）。',
    freshConfirm: '最初から作り直しますか？ テーブル札や名簿を印刷したあとなら、多くの人の席が変わります（当日参加・欠席はそのまま引き継ぎます）。',
    listPending: '名簿が差し替えられましたが、この会場図はまだ前の名簿の席です。「席を決め直す」を押すと、新しい名簿で席を決め直します（当日参加・欠席はそのまま引き継ぎます）。',
    addAnyway: '同姓同名の別の方なら「OK」で席を決めます。', unpin: '固定を外す',
    pinText: '%s → %s %s', dId: '番号', dKana: 'ふりがな', dProfession: '職種', dOrganization: '所属',
    dRegion: '地域', dExperience: '経験', dSeat: '席', networkError: 'サーバーにつながりません。tsunagu serve が動いているか確かめてください。',
    notUsable: 'この名簿は使えません。下の問題を直して、もう一度読み込んでください。',
    experienced: '経験あり', planning: 'これから',
    conflictTitle: '別のタブ・画面でこのイベントが変更されました', conflictReload: '最新の状態を読み込む',
    conflictMore: 'ほかにも変更があります（古いものは省いています）。',
    cannotMoveHere: '%s はここには移せません（職種の違うグループ）',
    staleStatus: '前の計画（%d 版）の結果です。今回は席を決められなかったので、席は前のままです。',
    earlierResult: '前の計画: %s',
    rolesTitle: 'グループの役割', rolesHint: '名前をクリックすると、役割を替えられます。', colGroup: 'グループ',
    dRole: '役割', roleNone: '（なし）', roleSet: '%s さんを%sにしました。', roleButton: '役割にする',
    presMinutes: '1 グループの発表（分）', presQa: '質疑（分）', presOrder: '順番',
    orderByTrack: 'トラックごと', orderAlternate: 'トラックを交互に', presGroups: '%d グループが発表',
    rounds: '席替えの回数', roundMinutes: '1 回の時間（分）', roundMinutesAuto: '（空欄なら時間を等分）',
    roundN: '%d回目', roundsCount: '（%d回の席替え）', itinerary: '席替えの順路',
    roundsHint: '2回目以降は、名前をドラッグするか名前をクリックして選ぶと、移した先のテーブルの誰か一人と席を入れ替えます（必ず守る決まりを守れる人と。ほかの人は動きません。席は固定されず、「席を決め直す」と変わることがあります）。',
    movedRound: '%s さんを%d回目に「%s」へ移しました（%s さんと入れ替え）。',
    repeatsFallback: '同じ人と二度同席した組: %d（下限 %d）',
    findTitle: '受付: 参加者を探す', findLabel: '名前・ふりがな・所属・番号の一部', findNone: '見つかりません。',
    findMore: 'ほかに %d 人います。もう少し詳しく入れてください。', findCancelled: '欠席',
    seatsNow: '席: %s',
  },
  en: {
    appTitle: 'Seating', startTitle: '1. Load the attendee list',
    dropBig: 'Drop the attendee file here',
    dropSmall: 'CSV (as saved by Excel; Shift_JIS is fine) or JSON',
    templateLabel: 'Kind of day', chooseFile: 'Choose a file', earlierTitle: 'Open an earlier plan', noEvents: 'None yet.',
    eventsLoading: 'Loading…', eventsError: 'The list could not be loaded.', eventsRetry: 'Try again',
    personalData: 'Attendee lists hold personal data. Delete an event once you no longer need it: its lists, plans and charts all go from this computer\'s data folder.',
    listDate: 'date %s', listNoDate: 'no date set', listCreated: 'made %s', listUpdated: 'changed %s', jobQueued: 'waiting its turn', jobRunning: 'solving',
    eventWhich: 'made %s, %d people, id %s',
    eventGone: '"%s" was deleted or no longer exists (perhaps in another tab or window). Back to the list.',
    rename: 'Rename', renameTitle: 'Rename the event', renameLabel: 'New name', renameSave: 'Save the name',
    renamed: 'Renamed to "%s".', cancel: 'Cancel', delete: 'Delete',
    deleteTitle: 'Delete the event',
    deleteText: 'Delete "%s" (made %s, id %s)? Every list (%d people), plan and chart of this event will be removed from this computer\'s data folder.',
    deleteCopies: 'Files you downloaded and sheets you printed stay: delete or dispose of them yourself once you no longer need them.',
    deleteFinal: 'This cannot be undone.', deleteConfirm: 'Delete', deleted: '"%s" was deleted.',
    backToStart: 'Another list or plan', checkTitle: '2. Check the list', summaryTitle: 'Show the counts',
    replaceList: 'Replace the list (late signups, cancellations)', settingsTitle: '3. Settings',
    settingsHelp: 'Choose the number and size of tables and which rules must hold. Press "Save settings" after a change.',
    saveSettings: 'Save settings', saved: 'Saved', solveTitle: '4. Make the seating plan', solve: 'Make the plan',
    solveAgain: 'Make the plan again', solveFresh: 'Start over',
    colSession: 'Session', colTables: 'Tables', colResult: 'Result', colTime: 'Time',
    mapTitle: '5. Room map',
    mapHint: 'Drag a name to another table to move that person; the plan is made again around them, moving as few others as possible. Click a name for details.',
    pinsTitle: 'Pinned seats', changesTitle: 'What changed',
    historyTitle: 'Changes so far (go back to earlier seats)', historyNow: 'current seats', historyBack: 'Go back to these seats',
    historyBackAsk: 'Go back to the seats of that moment? Walk-ins, cancellations and moves made since go back too (the current seats stay in the history: you can come back to them).', historyBackDone: 'The earlier seats are back',
    historyHelp: 'Every plan and every change on the day left its seats here. Going back is itself a change, kept like the others.',
    deskTitle: '6. At the desk: add a walk-in',
    deskHelp: 'They get the free seat that fits best; nobody else moves. To take out someone who cancelled, click their name on the room map.',
    fName: 'Name', fKana: 'Reading (kana)', fProfession: 'Profession', fOrganization: 'Organisation',
    fRegion: 'Region', fExperience: 'Experience',
    expExperienced: 'Experienced', expPlanning: 'New to this', addWalkin: 'Seat this person',
    printTitle: '7. Print and save', openPrint: 'Open the print view', dlHtml: 'Download the chart (HTML)',
    openPrintSheets: 'Print view, one roster per table on a page of its own',
    openBadges: 'Print name badges', badgeLayoutLabel: 'Label sheet',
    dlCsv: 'Badge CSV', dlCsvSjis: 'Badge CSV (Shift_JIS)', dlPlan: 'Plan file (JSON)',
    reportTitle: 'Plan report', close: 'Close', removePerson: 'Remove (cancelled)',
    open: 'Open', people: 'people', planNo: 'plan version %d', noPlan: 'no plan yet',
    uploading: 'Reading…', listOk: 'This list can be used (%d people).',
    listWarnings: '%d warnings: please look at them.',
    tables: 'Number of tables', auto: 'decide automatically', sizeMin: 'People per table: at least',
    sizeMax: 'at most', groupsPerTrack: 'Groups per profession', hardRule: 'must hold',
    dayTitle: 'Name, date and venue (the heading of every printout)', eventTitle: 'Name of the day', eventDate: 'Date', eventVenue: 'Venue',
    replaceKept: 'The list was not replaced (the current list stays).',
    solving: 'Working… %s %s s', solvingStart: 'Starting…', queued: 'Waiting for other events\' plans to finish…', solved: 'The plan is ready.',
    failed: 'No plan could be made. Please look at the following.',
    optimal: 'optimal (proven)', feasible: 'feasible (not proven best, gap %s%%)',
    feasibleNoBound: 'feasible (not proven best, gap unknown)',
    infeasible: 'impossible', not_solved: 'not solved', seconds: '%s s',
    moveTo: 'Move %s to this table:', moveButton: 'Move', movePrompt: 'Move %s to %s and make the plan again.',
    moving: 'Moving %s and making the plan again…', removeConfirm: 'Remove %s as cancelled? Nobody else moves.',
    removed: '%s removed.', added: '%s is seated.',
    removedMoved: '%s removed. To keep a rule that must hold, these people moved: %s',
    cancelledTitle: 'Cancelled at the desk', restore: 'Seat again', restored: '%s is seated (nobody else moved).',
    freshConfirm: 'Start over? If signs and rosters are printed, many seats will change (walk-ins and cancellations are kept).',
    listPending: 'The attendee list was replaced, but this map still shows the seats of the earlier list. Press "Make the plan again" to seat the new list (walk-ins and cancellations are kept).',
    addAnyway: 'If this is another person of the same name, press OK to seat them.', unpin: 'Unpin', pinText: '%s → %s %s',
    dId: 'Id', dKana: 'Reading', dProfession: 'Profession', dOrganization: 'Organisation',
    dRegion: 'Region', dExperience: 'Experience', dSeat: 'Seat',
    networkError: 'Cannot reach the server. Is tsunagu serve running?',
    notUsable: 'This list cannot be used. Fix the problems below and load it again.',
    experienced: 'experienced', planning: 'new to this',
    conflictTitle: 'This event was changed in another tab or window', conflictReload: 'Load the latest state',
    conflictMore: 'There were other changes too (older ones are not listed).',
    cannotMoveHere: '%s cannot move here (a group of another profession)',
    staleStatus: 'The results of the earlier plan (version %d). This time no plan could be made, so the seats are as they were.',
    earlierResult: 'earlier plan: %s',
    rolesTitle: 'Roles in each group', rolesHint: 'Click a name to give the role to someone else.', colGroup: 'Group',
    dRole: 'Role', roleNone: '(none)', roleSet: '%s is now the %s.', roleButton: 'Give the role',
    presMinutes: 'Minutes per group', presQa: 'Questions (minutes)', presOrder: 'Order',
    orderByTrack: 'one track after another', orderAlternate: 'tracks taking turns', presGroups: '%d groups present',
    rounds: 'Rounds (seatings in the slot)', roundMinutes: 'Minutes per round', roundMinutesAuto: '(empty: the slot shared evenly)',
    roundN: 'Round %d', roundsCount: ' (%d rounds)', itinerary: 'Itinerary',
    roundsHint: 'In round 2 and later, dragging a name (or choosing a table after a click on it) swaps the person with one person of that table who can take their place under the rules that must hold; nobody else moves. Such a seat is not pinned: making the plan again may change it.',
    movedRound: '%s: round %d, now at %s (changing places with %s).',
    repeatsFallback: 'meetings again: %d (lower bound %d)',
    findTitle: 'At the desk: find a person', findLabel: 'part of a name, reading, organisation or id', findNone: 'Nobody found.',
    findMore: '%d more: please type a little more.', findCancelled: 'cancelled',
    seatsNow: 'Seats: %s',
  },
};

const state = {
  // ?lang=en (or ja) in the address wins, then the last choice on this computer
  lang: (new URLSearchParams(location.search).get('lang') || localStorage.getItem('tsunagu.lang')) === 'en' ? 'en' : 'ja',
  eventId: null,
  event: null, // GET /api/events/ID
  plan: null, // plan.json
  session: null, // the room map tab shown
  rounds: new Map(), // session id -> the round its map shows (sessions with rounds)
  people: new Map(), // attendee id -> plan attendee
  // The event's revision this page's view is based on: every change it
  // sends names it (If-Match), and the server refuses a change when another
  // tab changed the event since.  Taken from a full load of the event and
  // from the answers to this page's own changes only.
  revision: 0,
  ownJob: false, // the running solve was started here
  failedJob: null, // the last solve failed: {plan} (the plan version that stays)
};

const $ = (id) => document.getElementById(id);

function t(key, ...args) {
  const s = (T[state.lang] && T[state.lang][key]) || T.ja[key] || key;
  // one pass: a name holding "%s" or "%d" is shown as it is, not filled in
  let i = 0;
  return s.replace(/%%|%[sd]/g, (m) => (m === '%%' ? '%' : String(args[i++])));
}

// Build an element; children are nodes or strings (always text).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

$('toast').addEventListener('click', () => { $('toast').hidden = true; });

function toast(text, info) {
  const box = $('toast');
  box.textContent = text;
  box.className = info ? 'info' : '';
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, info && !text.includes('\n') ? 3000 : 8000);
}

// ---- server calls --------------------------------------------------------

function apiUrl(path, params) {
  const q = new URLSearchParams(Object.assign({ lang: state.lang }, params || {}));
  return path + '?' + q.toString();
}

// Returns {status, data}; data is parsed JSON (or {}).  A change to the
// open event carries the revision the page shows; a 409 conflict (another
// tab came first) shows the conflict box, and nothing was stored.  A
// change to an event of the list names the revision listed (revision).
async function api(method, path, body, params, revision) {
  const opts = { method, headers: { 'X-Tsunagu': '1' } };
  const ours = state.eventId && path.startsWith(eventPath());
  if (method !== 'GET' && ours) opts.headers['If-Match'] = '"' + state.revision + '"';
  if (method !== 'GET' && revision !== undefined) opts.headers['If-Match'] = '"' + revision + '"';
  if (body !== undefined) {
    opts.body = body instanceof Blob ? body : JSON.stringify(body);
    opts.headers['Content-Type'] = body instanceof Blob ? 'application/octet-stream' : 'application/json';
  }
  let res;
  try {
    res = await fetch(apiUrl(path, params), opts);
  } catch (e) {
    toast(t('networkError'));
    throw e;
  }
  let data = {};
  try { data = await res.json(); } catch (e) { /* not JSON */ }
  if (ours && res.status === 404 && data.no_event) leaveGoneEvent();
  if (method !== 'GET' && ours) {
    if (res.ok && typeof data.revision === 'number') state.revision = data.revision;
    if (res.status === 409 && data.conflict) showConflict(data);
  }
  return { status: res.status, data };
}

// A change the server refused: a conflict has its box already, an event
// that is gone its own message; anything else is said in a toast.
function refused(status, data) {
  if (status === 409 && data.conflict) return;
  if (status === 404 && data.no_event) return; // the event is gone: said already (leaveGoneEvent)
  toast(data.error || (data.diags || []).map((d) => d.text).join('\n') || String(status));
}

// Another tab changed the event after this page read it: say what changed
// and offer to load the latest state.  Nothing is overwritten.
function showConflict(data) {
  $('conflictText').textContent = data.error || '';
  const ul = $('conflictChanges');
  ul.replaceChildren(...(data.changes || []).map((c) => el('li', {}, c.text || c.kind)));
  if (data.more) ul.append(el('li', { class: 'muted' }, t('conflictMore')));
  $('conflict').hidden = false;
  $('conflict').scrollIntoView({ block: 'nearest' });
}

$('conflictReload').addEventListener('click', () => openEvent(state.eventId));

function eventPath(suffix) {
  return '/api/events/' + encodeURIComponent(state.eventId) + (suffix ? '/' + suffix : '');
}

// ---- language -------------------------------------------------------------

function applyLang() {
  document.documentElement.lang = state.lang;
  document.title = state.lang === 'en' ? 'tsunagu seating' : 'つなぐ 席決め';
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  $('lang').textContent = state.lang === 'en' ? '日本語' : 'English';
}

$('lang').addEventListener('click', async () => {
  state.lang = state.lang === 'en' ? 'ja' : 'en';
  localStorage.setItem('tsunagu.lang', state.lang);
  applyLang();
  if (state.eventId) {
    await openEvent(state.eventId);
    showBadgeLayouts((await api('GET', '/api/events')).data.badge_layouts);
  } else await listEvents();
});

// ---- diagnostics -----------------------------------------------------------

function showDiags(list, diags) {
  list.replaceChildren();
  for (const d of diags || []) list.append(el('li', { class: d.severity }, d.text));
}

// ---- step 1: upload or reopen --------------------------------------------

// The label sheets name badges print on (the bundled layouts, titles in
// the page's language), the default first; the choice stays.
function showBadgeLayouts(layouts) {
  const sheets = $('badgeLayout');
  const sheet = sheets.value || 'a4-10';
  const list = (layouts || []).slice().sort((a, b) => (b.name === 'a4-10') - (a.name === 'a4-10'));
  sheets.replaceChildren(...list.map((l) => el('option', { value: l.name }, l.title)));
  if (list.some((l) => l.name === sheet)) sheets.value = sheet;
  if (state.eventId) showBadgeLink();
}

function showBadgeLink() {
  const layout = $('badgeLayout').value;
  $('openBadges').href = apiUrl(eventPath('badges.html'), layout ? { layout } : {});
}

$('badgeLayout').addEventListener('change', showBadgeLink);

// The events of the data folder, each with its name, date, size and what
// can be done with it.  "None yet" only once the server has said so: the
// list shows whatever solves are running or waiting.
async function listEvents() {
  clearTimeout(listEvents.timer);
  $('eventsError').hidden = true;
  let data;
  try {
    const res = await api('GET', '/api/events');
    if (res.status !== 200) throw new Error(String(res.status));
    data = res.data;
  } catch (e) {
    $('eventsLoading').hidden = true;
    $('eventsError').hidden = false;
    return;
  }
  $('eventsLoading').hidden = true;
  const ul = $('events');
  const events = data.events || [];
  $('noEvents').hidden = events.length > 0;
  // the kinds of day the server knows (bundled event files): their professions check the list
  const select = $('template');
  const chosen = select.value;
  select.replaceChildren(...(data.templates || []).map((tpl) => el('option', { value: tpl.id }, tpl.title)));
  if (chosen) select.value = chosen;
  showBadgeLayouts(data.badge_layouts);
  ul.replaceChildren(...events.map(eventItem));
  // a solve running or waiting: its mark goes when it ends
  if (events.some((e) => e.job) && !$('start').hidden)
    listEvents.timer = setTimeout(() => { if (!state.eventId) listEvents(); }, 2000);
}

// "2025-03-14T10:15:30" as the page shows it
const when = (iso) => (iso || '').replace('T', ' ');

// Two uploads of one file have one name: the row and the dialogs tell them
// apart by when each was made (and the dialogs by id).
function eventItem(e) {
  const info = [e.date ? t('listDate', e.date) : t('listNoDate'), (e.attendees || 0) + ' ' + t('people'),
    t('listCreated', when(e.created)), t('listUpdated', when(e.updated)), e.plan ? t('planNo', e.plan) : t('noPlan')];
  const job = e.job ? el('span', { class: 'job' }, t(e.job === 'queued' ? 'jobQueued' : 'jobRunning')) : null;
  return el('li', { 'data-event': e.id },
    el('span', { class: 'about' }, el('span', { class: 'name' }, e.name || e.id), ' ', job, job ? ' ' : null,
      el('span', { class: 'muted' }, info.filter((x) => x).join(' · '))),
    el('span', { class: 'actions' },
      el('button', { type: 'button', class: 'small', 'data-event': e.id, onclick: () => openEvent(e.id) }, t('open')),
      el('button', { type: 'button', class: 'small rename', onclick: () => askRename(e) }, t('rename')),
      el('button', { type: 'button', class: 'small danger delete', onclick: () => askDelete(e) }, t('delete'))));
}

$('eventsRetry').addEventListener('click', () => listEvents());

// ---- renaming and deleting an event of the list ----------------------------------

let renaming = null; // the event of the list being renamed

function askRename(e) {
  renaming = e;
  $('renameWhich').textContent = '「' + (e.name || e.id) + '」（' + t('eventWhich', when(e.created), e.attendees || 0, e.id) + '）';
  $('renameInput').value = e.name || '';
  $('renameError').hidden = true;
  $('renameDialog').showModal();
  $('renameInput').select();
}

$('renameCancel').addEventListener('click', () => $('renameDialog').close());
$('renameForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const e = renaming;
  const { status, data } = await api('PUT', '/api/events/' + encodeURIComponent(e.id) + '/name',
    { name: $('renameInput').value }, undefined, e.revision || 0);
  if (status === 200) {
    $('renameDialog').close();
    toast(t('renamed', data.name), true);
  } else if (status === 422) {
    $('renameError').textContent = data.error || String(status);
    $('renameError').hidden = false;
    return;
  } else {
    $('renameDialog').close();
    toast(data.error || String(status));
  }
  await listEvents();
});

let deleting = null; // the event of the list the dialog asks about

// The dialog names the event and says what goes with it; nothing is sent
// before the organiser confirms.
function askDelete(e) {
  deleting = e;
  $('deleteText').textContent = t('deleteText', e.name || e.id, when(e.created), e.id, e.attendees || 0);
  $('deleteDialog').showModal();
}

$('deleteCancel').addEventListener('click', () => $('deleteDialog').close());
$('deleteConfirm').addEventListener('click', async () => {
  const e = deleting;
  $('deleteDialog').close();
  // refused while a solve of it runs or waits (409 solving), or when
  // another tab changed it since this list was read (409 conflict): said
  const { status, data } = await api('DELETE', '/api/events/' + encodeURIComponent(e.id), undefined, undefined, e.revision || 0);
  if (status === 200) toast(t('deleted', e.name || e.id), true);
  else toast(data.error || String(status));
  await listEvents();
});

async function upload(file, replace) {
  const box = replace ? $('diags') : $('uploadResult');
  box.replaceChildren(el(replace ? 'li' : 'p', {}, t('uploading')));
  const path = replace ? eventPath('attendees') : '/api/events';
  const query = replace ? { name: file.name } : { name: file.name, template: $('template').value || '' };
  const { status, data } = await api('POST', path, file, query);
  if (status === 201 || status === 200) {
    box.replaceChildren();
    await openEvent(replace ? state.eventId : data.id);
    return;
  }
  const list = el('ul', { class: 'diags' });
  showDiags(list, data.diags || [{ severity: 'error', text: data.error || String(status) }]);
  if (replace && status === 409 && data.conflict) {
    box.replaceChildren();
  } else if (replace) {
    // The new list is refused: no "usable" line above its errors; the
    // stored list stays and says so.
    showDiags($('diags'), data.diags || [{ severity: 'error', text: data.error || String(status) }]);
    const ok = $('checkOk');
    ok.hidden = true;
    $('diags').prepend(el('li', { class: 'kept' }, t('replaceKept')));
    toast(t('notUsable'));
  } else {
    box.replaceChildren(el('p', { class: 'error' }, t('notUsable')), list);
  }
}

function setupDrop() {
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) upload(e.dataTransfer.files[0], false);
  });
  $('file').addEventListener('change', (e) => {
    if (e.target.files.length) upload(e.target.files[0], false);
    e.target.value = '';
  });
  $('replaceFile').addEventListener('change', (e) => {
    if (e.target.files.length) upload(e.target.files[0], true);
    e.target.value = '';
  });
}

// Back to the list: the event's names leave the page with it.
function closeEvent() {
  state.eventId = null;
  state.event = null;
  state.plan = null;
  state.people = new Map();
  busy(false); // a solve polled stops with the event
  $('progress').hidden = true;
  if ($('person').open) $('person').close();
  for (const id of ['maps', 'tabs', 'report', 'pins', 'cancelled', 'roles', 'changes', 'history']) $(id).replaceChildren();
  if (location.hash) history.replaceState(null, '', '#');
  $('eventArea').hidden = true;
  $('start').hidden = false;
  listEvents();
}

$('backToStart').addEventListener('click', closeEvent);

// The open event answered 404 (deleted in another tab, or never there):
// nothing of it stays on the page, which says so and shows the list.
function leaveGoneEvent() {
  if (!state.eventId) return;
  const name = (state.event && state.event.meta && state.event.meta.name) || state.eventId;
  closeEvent();
  toast(t('eventGone', name));
}

// #event=ID in the address: the page opens it; a changed address (typed,
// or Back) opens the event it names, or the list.
function openFromAddress() {
  const m = /^#event=([0-9a-f-]+)$/.exec(location.hash);
  if (m && m[1] !== state.eventId) openEvent(m[1]);
  else if (!m && state.eventId) closeEvent();
  else if (!m) listEvents();
}

window.addEventListener('hashchange', openFromAddress);

// ---- an event ------------------------------------------------------------------

// Load the event whole: everything shown, the settings form included, is
// the server's as of one revision.
async function openEvent(id) {
  if (!state.event || state.event.id !== id) {
    // another event's (an address changed while it showed): its name never
    // stands for this one, its solve's progress stops with it
    state.event = null;
    busy(false);
    $('progress').hidden = true;
  }
  state.eventId = id;
  const { status, data } = await api('GET', eventPath());
  if (state.eventId !== id) return; // gone (404: the list is shown), or another opened since
  if (status !== 200) {
    closeEvent(); // never a page stuck between the list and an event
    toast(data.error || String(status));
    return;
  }
  state.event = data;
  state.revision = data.revision || 0;
  $('conflict').hidden = true;
  history.replaceState(null, '', '#event=' + encodeURIComponent(id));
  $('start').hidden = true;
  $('eventArea').hidden = false;
  $('eventName').textContent = (data.meta && data.meta.name) || id;
  showCheck(data.check);
  showSettings(data.settings);
  const job = data.job || {};
  // The last solve failed and its plan is still the current one: say so.
  state.failedJob = job.state === 'failed' && job.plan === (data.meta && data.meta.plan) ? { plan: job.plan } : null;
  showDiags($('solveDiags'), state.failedJob ? jobDiags(job) : []);
  if (job.state === 'running' || job.state === 'queued') {
    state.ownJob = false;
    pollJob();
  }
  await loadPlan();
}

function showCheck(check) {
  check = check || {};
  const diags = check.diags || [];
  showDiags($('diags'), diags);
  const ok = $('checkOk');
  ok.hidden = !check.ok;
  ok.textContent = t('listOk', check.attendees || 0) + (check.warnings ? ' ' + t('listWarnings', check.warnings) : '');
  $('summary').textContent = check.summary || '';
}

// ---- step 3: settings ----------------------------------------------------------

function numberInput(value, min, max, name) {
  return el('input', { type: 'number', min: String(min), max: String(max), value: value == null ? '' : String(value), name });
}

// The day's name, date and venue: every printout's heading.
function dayFields(settings) {
  const text = (name, value, max) => el('input', { name, value: value || '', maxlength: String(max) });
  const date = el('input', { type: 'date', name: 'date', value: settings.date || '' });
  return el('fieldset', { class: 'day' }, el('legend', {}, t('dayTitle')),
    el('div', { class: 'line' },
      el('label', {}, t('eventTitle'), ' ', text('title', settings.title, 200)),
      el('label', {}, t('eventDate'), ' ', date),
      el('label', {}, t('eventVenue'), ' ', text('venue', settings.venue, 200))));
}

// A session's rules in one order, the library's (rule_labels), whatever
// order the settings' JSON object has (the stored file's keys are sorted,
// a saved answer's are not).
function ruleNames(rules) {
  const known = Object.keys((state.event && state.event.rule_labels) || {});
  const names = Object.keys(rules || {});
  return known.filter((n) => names.includes(n)).concat(names.filter((n) => !known.includes(n)).sort());
}

function showSettings(settings) {
  const form = $('settings');
  form.replaceChildren();
  $('settingsSaved').hidden = true;
  showDiags($('settingsDiags'), []);
  if (!settings || !settings.sessions) return;
  form.append(dayFields(settings));
  settings.sessions.forEach((s, i) => {
    const fs = el('fieldset', { 'data-session': s.id });
    fs.append(el('legend', {}, (s.title || s.id) + (s.start ? '  ' + s.start + '–' + (s.end || '') : '')));
    fs.dataset.index = String(i);
    if (s.kind === 'sharing') {
      form.append(sharingSettings(fs, s.presentations || {}));
      return;
    }
    const auto = el('input', { type: 'checkbox', name: 'auto' });
    auto.checked = s.tables == null;
    const tables = numberInput(s.tables, 1, 500, 'tables');
    tables.disabled = auto.checked;
    auto.addEventListener('change', () => { tables.disabled = auto.checked; });
    fs.append(el('div', { class: 'line' },
      el('label', {}, t(s.kind === 'workgroup' ? 'groupsPerTrack' : 'tables'), ' ', tables),
      el('label', {}, auto, ' ', t('auto'))));
    const size = s.size || {};
    fs.append(el('div', { class: 'line' },
      el('label', {}, t('sizeMin'), ' ', numberInput(size.min, 1, 100, 'min')),
      el('label', {}, t('sizeMax'), ' ', numberInput(size.max, 1, 100, 'max'))));
    const rounds = roundSettings(fs, s);
    const rules = el('ul', { class: 'rules' });
    // no_pair_twice means something with rounds only: offered (and shown)
    // once the session has two or more, stored as the settings give it
    for (const name of ruleNames({ no_pair_twice: {}, ...s.rules })) {
      const rule = s.rules[name] || {};
      if (name === 'stability' || name === 'requests') continue; // re-planning's own; not for this form
      const box = el('input', { type: 'checkbox', name: 'hard', 'data-rule': name });
      box.checked = !!rule.hard;
      // the rule's own label, from the library (src/rules/), in the page's language
      const label = (state.event && state.event.rule_labels && state.event.rule_labels[name]) || name;
      const li = el('li', {}, el('label', {}, box, ' ', t('hardRule'), ': ', label));
      if (name === 'no_pair_twice') {
        li.className = 'roundsOnly';
        li.hidden = !(Number(rounds.value) > 1);
      }
      rules.append(li);
    }
    fs.append(rules);
    form.append(fs);
  });
}

// A session's rounds (a 席替え within its slot, 1-12) and each round's
// minutes (empty: the slot shared evenly); the minutes and the rule
// against meeting twice only once there are two or more.  Returns the
// rounds' input.
function roundSettings(fs, s) {
  const rounds = numberInput(s.rounds || 1, 1, 12, 'rounds');
  const minutes = numberInput(s.round_minutes, 1, 1440, 'round_minutes');
  const follow = () => {
    const several = Number(rounds.value) > 1;
    minutes.disabled = !several;
    for (const li of fs.querySelectorAll('.roundsOnly')) li.hidden = !several;
  };
  rounds.addEventListener('input', follow);
  minutes.disabled = !((s.rounds || 1) > 1);
  fs.append(el('div', { class: 'line' },
    el('label', {}, t('rounds'), ' ', rounds),
    el('label', {}, t('roundMinutes'), ' ', minutes), el('span', { class: 'muted' }, t('roundMinutesAuto'))));
  return rounds;
}

// A sharing session seats nobody: the minutes of each group's turn and the
// order of the groups (the running order is computed from them).
function sharingSettings(fs, p) {
  const order = el('select', { name: 'order' },
    el('option', { value: 'by_track' }, t('orderByTrack')), el('option', { value: 'alternate' }, t('orderAlternate')));
  order.value = p.order || 'by_track';
  fs.append(el('div', { class: 'line' },
    el('label', {}, t('presMinutes'), ' ', numberInput(p.minutes, 1, 240, 'minutes')),
    el('label', {}, t('presQa'), ' ', numberInput(p.qa_minutes, 0, 240, 'qa_minutes')),
    el('label', {}, t('presOrder'), ' ', order)));
  return fs;
}

function readSettings() {
  const settings = JSON.parse(JSON.stringify(state.event.settings));
  const day = $('settings').querySelector('fieldset.day');
  if (day) {
    for (const key of ['title', 'date', 'venue']) {
      const v = day.querySelector('input[name=' + key + ']').value.trim();
      if (v || key === 'title') settings[key] = v;
      else delete settings[key];
    }
  }
  for (const fs of $('settings').querySelectorAll('fieldset[data-session]')) {
    const s = settings.sessions[Number(fs.dataset.index)];
    if (s.kind === 'sharing') {
      const num = (name) => Number(fs.querySelector('input[name=' + name + ']').value.trim());
      s.presentations = { ...(s.presentations || {}), minutes: num('minutes'), qa_minutes: num('qa_minutes'),
        order: fs.querySelector('select[name=order]').value };
      continue;
    }
    const auto = fs.querySelector('input[name=auto]').checked;
    const num = (name) => {
      const v = fs.querySelector('input[name=' + name + ']').value.trim();
      return v === '' ? null : Number(v);
    };
    s.tables = auto ? null : num('tables');
    s.size = { min: num('min'), max: num('max') };
    // one round is no rounds (the event file's default); anything else,
    // 0 or 13 too, goes to the server, which says what is wrong
    const rounds = num('rounds');
    if (rounds === null || rounds === 1) {
      delete s.rounds;
      delete s.round_minutes;
    } else {
      s.rounds = rounds;
      const minutes = num('round_minutes');
      if (minutes === null) delete s.round_minutes;
      else s.round_minutes = minutes;
    }
    for (const box of fs.querySelectorAll('input[data-rule]')) {
      const name = box.dataset.rule;
      if (!s.rules[name]) { // a rule the settings do not give (no_pair_twice without rounds)
        if (!box.checked) continue;
        s.rules[name] = {};
      }
      s.rules[name].hard = box.checked;
    }
  }
  return settings;
}

$('saveSettings').addEventListener('click', saveSettings);

async function saveSettings() {
  const { status, data } = await api('PUT', eventPath('settings'), readSettings());
  if (status === 200) {
    state.event.settings = data.settings;
    showSettings(data.settings);
    $('settingsSaved').hidden = false;
    return true;
  }
  if (!(status === 409 && data.conflict))
    showDiags($('settingsDiags'), data.diags || [{ severity: 'error', text: data.error || String(status) }]);
  return false;
}

// ---- step 4: solving ---------------------------------------------------------------

function busy(on) {
  for (const id of ['solve', 'solveFresh', 'saveSettings']) $(id).disabled = on;
  for (const b of document.querySelectorAll('#walkin button, #personMoves button, #personRemove')) b.disabled = on;
}

// The form's settings go with the solve: the server stores them only if a
// plan can be made with them (nothing changes otherwise).
async function solve(fresh) {
  $('settingsSaved').hidden = true;
  showDiags($('settingsDiags'), []);
  const { status, data } = await api('POST', eventPath('solve'), { fresh: !!fresh, settings: readSettings() });
  if (status === 422) {
    showDiags($('settingsDiags'), data.diags || [{ severity: 'error', text: data.error || String(status) }]);
    return;
  }
  if (status !== 202) return refused(status, data);
  state.ownJob = true;
  pollJob();
}

$('solve').addEventListener('click', () => solve(false));
$('solveFresh').addEventListener('click', () => {
  if (confirm(t('freshConfirm'))) solve(true);
});

function sessionTitle(id) {
  const s = state.event && state.event.settings && state.event.settings.sessions.find((x) => x.id === id);
  return s ? s.title : id || '';
}

async function pollJob() {
  const polled = state.eventId; // left for the list or another event: stop
  busy(true);
  $('progress').hidden = false;
  showDiags($('solveDiags'), []);
  $('progressText').textContent = t('solvingStart');
  const limit = 30;
  for (;;) {
    const { data } = await api('GET', '/api/events/' + encodeURIComponent(polled) + '/job');
    if (state.eventId !== polled) return undefined;
    if (data.state !== 'running' && data.state !== 'queued') {
      busy(false);
      $('progress').hidden = true;
      const own = state.ownJob;
      state.ownJob = false;
      if (data.state === 'failed') {
        toast(data.error || t('failed'));
        showDiags($('solveDiags'), jobDiags(data));
        state.failedJob = { plan: data.plan };
      } else if (data.state === 'done') {
        showDiags($('solveDiags'), data.diags);
        state.failedJob = null;
        toast(t('solved'), true);
      }
      // This page's solve: the event is at the revision it made.  Another
      // tab's (running when this page opened): load the event whole.
      if (!own) return openEvent(state.eventId).then(() => data.state);
      if (typeof data.revision === 'number') state.revision = data.revision;
      await refreshEvent();
      return data.state;
    }
    const secs = data.seconds || 0;
    $('progressFill').style.width = Math.min(100, 5 + (secs / limit) * 95) + '%';
    $('progressText').textContent =
      data.state === 'queued' ? t('queued') : t('solving', sessionTitle(data.session), secs.toFixed(1));
    await new Promise((r) => setTimeout(r, 300));
  }
}

// After this page's own change: the plan, pins and changes as they are now
// (state.revision stays the one this page's change made).
async function refreshEvent() {
  const { status, data } = await api('GET', eventPath());
  if (status === 200) state.event = data;
  await loadPlan();
}

// A failed solve's reason: the server's sentence in the organiser's words,
// then the solver's explanation, if any.
function jobDiags(job) {
  const head = job.error ? [{ severity: 'error', text: job.error }] : [];
  return head.concat(job.diags || []);
}

// ---- the plan ---------------------------------------------------------------------

async function loadPlan() {
  const have = state.event && state.event.meta && state.event.meta.plan > 0;
  const showCards = (on) => {
    for (const id of ['mapCard', 'findCard', 'deskCard', 'printCard', 'reportCard']) $(id).hidden = !on;
    $('status').hidden = !on;
  };
  $('solve').textContent = t(have ? 'solveAgain' : 'solve');
  $('solveFresh').hidden = !have;
  showChanges();
  if (!have) {
    // Another event's room must not show under this one's name.
    state.plan = null;
    $('maps').replaceChildren();
    showCards(false);
    return;
  }
  const { status, data: plan } = await api('GET', eventPath('plan.json'));
  if (status !== 200) return; // the event is gone (left above) or has no plan
  state.plan = plan;
  showCards(true);
  state.people = new Map(state.plan.attendees.map((a) => [a.id, a]));
  showStatus();
  showDownloads();
  fillRegions();
  fillProfessions();
  showPins();
  await showChart();
}

// The solver's result per session.  After a failed solve the table shows
// the plan that stays, marked as the earlier one: never a bare 最適 beside
// an error.
function showStatus() {
  const table = $('status');
  const body = table.querySelector('tbody');
  body.replaceChildren();
  const version = state.event && state.event.meta && state.event.meta.plan;
  const stale = !!state.failedJob && state.failedJob.plan === version;
  table.classList.toggle('stale', stale);
  table.querySelector('caption').textContent = stale ? t('staleStatus', version) : '';
  table.querySelector('caption').hidden = !stale;
  for (const s of state.plan.sessions) {
    const good = s.status === 'optimal';
    // a gap of null: no bound was proven (a quick re-plan of the tables a
    // change touched), not a gap of 0
    const result = s.status !== 'feasible' ? t(s.status)
      : typeof s.gap === 'number' ? t('feasible', (100 * s.gap).toFixed(1)) : t('feasibleNoBound');
    if (s.kind === 'sharing') { // seats nobody: how many groups present
      const groups = t('presGroups', (s.presentations || []).length);
      body.append(el('tr', {}, el('td', {}, s.title || s.id), el('td', {}, '—'),
        el('td', { class: stale ? 'earlier' : '' }, stale ? t('earlierResult', groups) : groups), el('td', {}, '')));
      continue;
    }
    const k = roundCount(s);
    body.append(el('tr', {},
      el('td', {}, s.title || s.id), el('td', {}, String(s.tables.length) + (k > 1 ? t('roundsCount', k) : '')),
      el('td', { class: stale ? 'earlier' : good ? 'good' : 'fair' }, stale ? t('earlierResult', result) : result),
      el('td', {}, t('seconds', (s.seconds || 0).toFixed(2)))));
  }
  showDiags($('planWarnings'), (state.plan.warnings || []).map((w) => ({ severity: 'warning', text: w })));
  // each session's rounds: meetings again against their bound, proven or searched
  $('roundsLines').replaceChildren(...state.plan.sessions.filter((s) => roundsLine(s))
    .map((s) => el('li', { class: stale ? 'earlier' : '' }, (s.title || s.id) + ': ' + roundsLine(s))));
}

// ---- the desk: find a person ----------------------------------------------------

// The form people are matched in: NFKC, no spaces, lower case, hiragana
// as katakana (a reading typed either way finds the list's).
function findForm(text) {
  return (text || '').normalize('NFKC').replace(/\s+/gu, '').toLowerCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

// Everyone whose name, reading, organisation or id holds what was typed,
// in reading order, each with their seat in every session (a session with
// rounds: their itinerary, テーブル3 → 7 → 1); the cancelled marked so.
function showFound() {
  const ul = $('findResults');
  const want = findForm($('findInput').value);
  ul.replaceChildren();
  if (!want || !state.plan) return;
  const hit = (a) => [a.name, a.kana, a.organization, a.id].some((f) => findForm(f).includes(want));
  const found = state.plan.attendees.filter(hit).sort(byReading);
  const gone = (state.plan.cancelled || []).filter(hit).sort(byReading);
  const limit = 20;
  for (const a of found.slice(0, limit)) {
    const seats = state.plan.sessions.filter((s) => a.seats && a.seats[s.id])
      .map((s) => el('li', { 'data-session': s.id }, (s.title || s.id) + ': ', el('strong', {}, itineraryText(s, a))));
    ul.append(el('li', { 'data-attendee': a.id },
      el('button', { type: 'button', class: 'small', onclick: () => openPerson(a.id) }, a.name),
      ' ', el('span', { class: 'muted' }, [a.kana, a.organization].filter((x) => x).join(' · ')),
      el('ul', { class: 'seats' }, ...seats)));
  }
  for (const c of gone.slice(0, Math.max(0, limit - found.length)))
    ul.append(el('li', { 'data-attendee': c.id, class: 'cancelled' }, c.name + ' ',
      el('span', { class: 'muted' }, [c.organization, t('findCancelled')].filter((x) => x).join(' · '))));
  const more = found.length + gone.length - limit;
  if (more > 0) ul.append(el('li', { class: 'muted' }, t('findMore', more)));
  if (!found.length && !gone.length) ul.append(el('li', { class: 'muted' }, t('findNone')));
}

$('findInput').addEventListener('input', showFound);

function showDownloads() {
  // the print view: the chart under a bar with a print button (printview.html)
  const view = (extra) => '/printview.html?' + new URLSearchParams(Object.assign({ event: state.eventId, lang: state.lang }, extra || {})).toString();
  $('openPrint').href = view();
  $('openPrintSheets').href = view({ roster_per_page: '1' });
  showBadgeLink();
  $('dlHtml').href = apiUrl(eventPath('print.html'), { download: '1' });
  $('dlCsv').href = apiUrl(eventPath('badges.csv'));
  $('dlCsvSjis').href = apiUrl(eventPath('badges.csv'), { encoding: 'cp932' });
  $('dlPlan').href = apiUrl(eventPath('plan.json'), { download: '1' });
  showCancelled();
  const meta = (state.event && state.event.meta) || {};
  $('listPending').hidden = meta.roster !== 'upload';
}

function showChanges() {
  const text = state.event && state.event.changes;
  $('changesCard').hidden = !text;
  $('changes').textContent = text || '';
  showHistory();
}

// The event's changes, newest first; a change that left other seats than
// the current ones can bring them back (a new change itself).
async function showHistory() {
  if (!state.eventId) return;
  const { status, data } = await api('GET', eventPath('history'));
  const list = $('history');
  list.replaceChildren();
  const entries = status === 200 ? data.entries || [] : [];
  $('historyCard').hidden = entries.length === 0;
  const seen = new Set();
  for (const e of entries) {
    const li = el('li', {}, el('span', {}, e.text || ''));
    if (e.plan > 0 && !seen.has(e.plan)) {
      seen.add(e.plan);
      if (e.plan === data.plan) li.append(el('span', { class: 'muted' }, ' — ' + t('historyNow')));
      else li.append(el('button', { type: 'button', class: 'small', onclick: () => goBack(e.plan) }, t('historyBack')));
    }
    list.append(li);
  }
}

async function goBack(plan) {
  if (!confirm(t('historyBackAsk'))) return;
  const { status, data } = await api('POST', eventPath('undo'), { plan });
  if (status === 200) {
    toast(t('historyBackDone'));
    await refreshEvent();
  } else if (status !== 409 && !data.no_event) {
    toast(data.error || t('networkError'));
  }
}

function fillRegions() {
  const select = $('walkinRegion');
  const keep = select.value;
  select.replaceChildren();
  const regions = (state.plan.regions && state.plan.regions.regions) || [];
  for (const r of regions) {
    const label = state.lang === 'en' && r.name_en ? r.name_en : r.name;
    select.append(el('option', { value: r.name }, label));
  }
  if (keep) select.value = keep;
}

// The walk-in form offers the day's seated professions (the plan's event
// names them: another kind of day has its own).
function professions() {
  return (state.plan && state.plan.event && state.plan.event.professions) || [];
}

function professionLabel(code) {
  const p = professions().find((x) => x.code === code);
  if (!p) return code;
  const label = state.lang === 'en' ? p.label_en || p.label : p.label;
  return label === p.code ? label : label + ' (' + p.code + ')';
}

function fillProfessions() {
  const select = $('walkinProfession');
  const keep = select.value;
  const seated = professions().filter((p) => p.seated !== false);
  if (seated.length === 0) return; // keep the page's own options
  select.replaceChildren();
  for (const p of seated) select.append(el('option', { value: p.code }, professionLabel(p.code)));
  if (keep && seated.some((p) => p.code === keep)) select.value = keep;
}

// A table's printed label; the session may be a later round's name
// ("morning#2": a move of that round), whose tables are round 1's.
function tableLabel(sessionId, tableId) {
  const id = /^(.*)#\d+$/.test(sessionId || '') ? sessionId.replace(/#\d+$/, '') : sessionId;
  const s = state.plan.sessions.find((x) => x.id === id);
  const tb = s && s.tables.find((x) => x.id === tableId);
  return tb ? tb.label : tableId;
}

// People in the printed lists' order (docs/charts.md): the reading, or the
// name without one, in Japanese dictionary order, then the name, then the
// id.  The server orders its lists (the maps, rosters and the cancelled in
// plan.json) with ICU's "ja" collator; Intl.Collator('ja') is the browser's
// copy of the same rules, for the page's own list of pins.
const jaCollator = new Intl.Collator('ja');
// the server's matching form (tsunagu_text_key): NFKC, one space, ASCII lower case
const readingForm = (s) => (s || '').normalize('NFKC').replace(/\s+/gu, ' ').trim()
  .replace(/[A-Z]/g, (c) => c.toLowerCase());
function byReading(a, b) {
  return jaCollator.compare(readingForm(a.kana || a.name), readingForm(b.kana || b.name)) ||
    jaCollator.compare(readingForm(a.name), readingForm(b.name)) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function showPins() {
  const pins = (state.event && state.event.pins) || [];
  $('pinsBox').hidden = pins.length === 0;
  const ul = $('pins');
  ul.replaceChildren();
  // by person in reading order (unknown ids last), then in session order
  const sessions = state.plan ? state.plan.sessions.map((s) => s.id) : [];
  const sorted = [...pins].sort((x, y) => {
    const a = state.people.get(x.attendee), b = state.people.get(y.attendee);
    const c = a && b ? byReading(a, b) : a ? -1 : b ? 1 : (x.attendee < y.attendee ? -1 : x.attendee > y.attendee ? 1 : 0);
    return c || sessions.indexOf(x.session) - sessions.indexOf(y.session);
  });
  for (const p of sorted) {
    const who = state.people.get(p.attendee);
    ul.append(el('li', {},
      el('span', {}, t('pinText', who ? who.name : p.attendee, sessionTitle(p.session), tableLabel(p.session, p.table))),
      el('button', { type: 'button', class: 'small', onclick: () => unpin(p) }, t('unpin'))));
  }
}

async function unpin(p) {
  const { status, data } = await api('POST', eventPath('unpin'), { attendee: p.attendee, session: p.session });
  if (status !== 200) return refused(status, data);
  state.event.pins = data.pins || [];
  showPins();
  markSeats();
}

// ---- the room map: the printed chart's own SVG ------------------------------------

// Nodes parsed from the server's chart are already escaped; still, drop
// anything active before they join the page.
function sanitize(root) {
  for (const bad of root.querySelectorAll('script, foreignObject, iframe, object, embed, link, meta')) bad.remove();
  for (const e of [root, ...root.querySelectorAll('*')]) {
    for (const a of [...e.attributes]) {
      const v = a.value.trim().toLowerCase();
      if (a.name.startsWith('on') || ((a.name === 'href' || a.name.endsWith(':href') || a.name === 'src') && !v.startsWith('#'))) {
        e.removeAttribute(a.name);
      }
    }
  }
  return root;
}

// Each profession's colour on the map and its legend, from the plan's event
// (the chart's own .pN classes): the same colours on screen as on paper.
function professionColours() {
  let style = $('professionColours');
  if (!style) {
    style = el('style', { id: 'professionColours' });
    document.head.append(style);
  }
  const colour = /^#[0-9a-fA-F]{6}$/;
  style.textContent = professions().map((p, i) => colour.test(p.colour || '')
    ? `.map svg .mark.p${i} { fill: ${p.colour}; } .map .legend .m.p${i}, .map .dot.p${i} { background: ${p.colour}; }` : '').join('\n');
}

// ---- rounds (a 席替え within a session's slot) ---------------------------------

// The plan's session of this id ("morning"), or null.
function planSession(id) {
  return (state.plan && state.plan.sessions.find((x) => x.id === id)) || null;
}

// How many rounds session s seats (1 without rounds).
function roundCount(s) {
  return 1 + ((s && s.rounds) || []).length;
}

// Round r (1 ..) of plan session s: its tables.
function roundTables(s, r) {
  return r <= 1 ? s.tables : s.rounds[r - 2].tables;
}

// "morning" and a round: "morning" for round 1, "morning#2" after (the
// plan's name of a later round's moves, the chart's of its maps).
function roundKey(id, r) {
  return r > 1 ? id + '#' + r : id;
}

// The round a session's map shows (1 unless chosen).
function shownRound(id) {
  const s = planSession(id);
  const r = state.rounds.get(id) || 1;
  return s && r <= roundCount(s) ? r : 1;
}

// "11:10" of minutes since midnight.
function clock(min) {
  return Math.floor(min / 60) + ':' + String(min % 60).padStart(2, '0');
}

// Round r's name and times, as the printed maps head them: 「2回目 11:30〜11:50」
// (the event's minutes per round, else the slot shared evenly).
function roundName(id, r) {
  const spec = ((state.plan.event && state.plan.event.sessions) || []).find((x) => x.id === id) || {};
  const k = roundCount(planSession(id));
  const minutes = (hm) => (/^\d{1,2}:\d{2}$/.test(hm || '') ? Number(hm.split(':')[0]) * 60 + Number(hm.split(':')[1]) : -1);
  const from = minutes(spec.start), to = minutes(spec.end);
  let start = -1, end = -1;
  if (from >= 0 && spec.round_minutes > 0) {
    start = from + (r - 1) * spec.round_minutes;
    end = start + spec.round_minutes;
  } else if (from >= 0 && to > from) {
    start = from + Math.floor(((to - from) * (r - 1)) / k);
    end = from + Math.floor(((to - from) * r) / k);
  }
  return t('roundN', r) + (start >= 0 ? ' ' + clock(start) + (state.lang === 'en' ? '–' : '〜') + clock(end) : '');
}

// The session's rounds line: the server's (as the solve summary prints it),
// else the plan's counts.
function roundsLine(s) {
  if (!s.rounds || !s.rounds.length) return null;
  const said = state.event && state.event.rounds && state.event.rounds[s.id];
  return said || t('repeatsFallback', s.repeats, s.repeats_bound);
}

// A person's tables in session s, round by round: 「テーブル3 → 7 → 1」 when
// every label is one prefix and the table's id (as the reception list
// prints it), else the labels.  '' when not seated.
function itineraryText(s, a) {
  const ids = (a.itinerary && a.itinerary[s.id]) || (a.seats && a.seats[s.id] ? [a.seats[s.id]] : []);
  const labels = ids.map((id) => tableLabel(s.id, id));
  const prefix = ids.length && labels[0].endsWith(ids[0]) ? labels[0].slice(0, labels[0].length - ids[0].length) : null;
  if (prefix !== null && ids.length > 1 && labels.every((l, i) => l === prefix + ids[i]))
    return prefix + ids.join(' → ');
  return labels.join(' → ');
}

// Later rounds the chart draws no map of: each table with its members, as
// a list (the same marks as the map: .tbl[data-table] .seat[data-attendee]).
function roundList(s, r) {
  const grid = el('div', { class: 'roundTables' });
  for (const tb of roundTables(s, r)) {
    const ul = el('ul');
    for (const id of tb.members) {
      const a = state.people.get(id);
      const i = professions().findIndex((p) => a && p.code === a.profession);
      ul.append(el('li', { class: 'seat', 'data-attendee': id }, el('span', { class: 'dot p' + i }), a ? a.name : id));
    }
    grid.append(el('div', { class: 'tbl', 'data-table': tb.id },
      el('h4', {}, tb.label + ' (' + tb.members.length + ')'), ul));
  }
  return grid;
}

// The chart's SVG maps of one session's round (data-session "morning" or
// "morning#2"), made the page's own.
function chartMaps(doc, key) {
  return [...doc.querySelectorAll('svg')].filter((x) => x.getAttribute('data-session') === key).map((svg) => {
    const node = sanitize(document.importNode(svg, true));
    // As wide as the page allows for a full page of tables; a page
    // holding one table is not blown up to the page's width.
    const vb = node.viewBox && node.viewBox.baseVal;
    node.style.width = (vb && vb.width ? Math.min(100, (vb.width / 1000) * 100) : 100) + '%';
    node.style.height = 'auto';
    return node;
  });
}

// One session's map: a panel per round (round 1 only without rounds), the
// round chosen with tabs 1回目 / 2回目 / ...; each round the chart's map, or
// its tables listed when the chart draws none.
function sessionMap(doc, s) {
  const box = el('div', { class: 'map', 'data-session': s.id, role: 'tabpanel' });
  const k = roundCount(s);
  const line = roundsLine(s);
  if (line) box.append(el('p', { class: 'roundsLine' }, line));
  if (k > 1) {
    const bar = el('div', { class: 'roundTabs', role: 'tablist' });
    for (let r = 1; r <= k; r++)
      bar.append(el('button', { type: 'button', role: 'tab', class: 'small', 'data-round': String(r),
        'aria-selected': String(r === shownRound(s.id)), onclick: () => selectRound(s.id, r) }, roundName(s.id, r)));
    box.append(bar);
  }
  for (let r = 1; r <= k; r++) {
    const panel = el('div', { class: 'round', 'data-round': String(r) });
    const svgs = chartMaps(doc, roundKey(s.id, r));
    if (r > 1) panel.append(el('p', { class: 'hint' }, t('roundsHint')));
    for (const node of svgs) {
      panel.append(node);
      setupDrag(node, s.id, r);
    }
    if (!svgs.length && r > 1) {
      const list = roundList(s, r);
      panel.append(list);
      setupDrag(list, s.id, r);
    }
    panel.hidden = r !== shownRound(s.id);
    box.append(panel);
  }
  const first = doc.querySelector(`svg[data-session="${CSS.escape(s.id)}"]`);
  const legend = first && first.parentElement.querySelector('.legend');
  if (legend) box.append(sanitize(document.importNode(legend, true)));
  return box;
}

function selectRound(id, r) {
  state.rounds.set(id, r);
  const box = [...$('maps').children].find((m) => m.dataset.session === id);
  if (!box) return;
  for (const b of box.querySelectorAll('.roundTabs button')) b.setAttribute('aria-selected', String(Number(b.dataset.round) === r));
  for (const p of box.querySelectorAll('.round')) p.hidden = Number(p.dataset.round) !== r;
}

async function showChart() {
  professionColours();
  const res = await fetch(apiUrl(eventPath('print.html')));
  const html = await res.text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const maps = $('maps');
  const tabs = $('tabs');
  maps.replaceChildren();
  tabs.replaceChildren();
  const sessions = state.plan.sessions.filter((s) => s.tables.length > 0);
  if (!sessions.some((s) => s.id === state.session)) state.session = sessions.length ? sessions[0].id : null;
  for (const s of sessions) {
    const box = sessionMap(doc, s);
    box.hidden = s.id !== state.session;
    maps.append(box);
    tabs.append(el('button', {
      type: 'button', role: 'tab', 'aria-selected': String(s.id === state.session), 'data-session': s.id,
      onclick: () => selectSession(s.id),
    }, s.title || s.id));
  }
  const report = doc.querySelector('section.report');
  const rbox = $('report');
  rbox.replaceChildren();
  if (report) {
    const node = sanitize(document.importNode(report, true));
    for (const h of node.querySelectorAll('header, h1')) h.remove();
    rbox.append(...node.childNodes);
  }
  markSeats();
  showRoles();
  showFound();
}

// The roles of the groups of the session shown (a workgroup with roles):
// a row per group, each holder's name opening their dialog.
function showRoles() {
  const roles = sessionRoles(state.session);
  const s = state.plan && state.plan.sessions.find((x) => x.id === state.session);
  $('rolesBox').hidden = !roles.length || !s;
  const table = $('roles');
  table.replaceChildren();
  if (!roles.length || !s) return;
  table.append(el('thead', {}, el('tr', {}, el('th', {}, t('colGroup')), ...roles.map((r) => el('th', {}, roleLabel(r))))));
  const body = el('tbody');
  for (const g of s.tables) {
    const cells = roles.map((r) => {
      const a = g.roles && g.roles[r.id] && state.people.get(g.roles[r.id]);
      return el('td', {}, a ? el('button', { type: 'button', class: 'small', onclick: () => openPerson(a.id) }, a.name) : '—');
    });
    body.append(el('tr', {}, el('td', {}, g.label || g.id), ...cells));
  }
  table.append(body);
}

function selectSession(id) {
  state.session = id;
  showRoles();
  for (const b of $('tabs').children) b.setAttribute('aria-selected', String(b.dataset.session === id));
  for (const m of $('maps').children) m.hidden = m.dataset.session !== id;
}

// Pinned people underlined (pins are round 1's); people the last change
// moved in green, in the round they moved in.
function markSeats() {
  const pins = (state.event && state.event.pins) || [];
  const moved = new Set((state.plan && state.plan.moves || []).map((m) => m.session + '\u0000' + m.id));
  for (const box of $('maps').children) {
    for (const panel of box.querySelectorAll('.round')) {
      const r = Number(panel.dataset.round);
      const key = roundKey(box.dataset.session, r);
      for (const seat of panel.querySelectorAll('.seat')) {
        const id = seat.getAttribute('data-attendee');
        seat.classList.toggle('pinned', r === 1 && pins.some((p) => p.attendee === id && p.session === box.dataset.session));
        seat.classList.toggle('moved', moved.has(key + '\u0000' + id));
      }
    }
  }
}

// The table under a point in a map (an SVG: the nearest centre within a
// table's reach, its circle, its seats and the names around it) or in a
// round's list (the table's box).
function tableAt(container, x, y) {
  let best = null;
  for (const g of container.querySelectorAll('g.tbl')) {
    const c = g.querySelector('circle.table');
    if (!c) continue;
    const r = c.getBoundingClientRect();
    const d = Math.hypot(r.left + r.width / 2 - x, r.top + r.height / 2 - y);
    if (d < (r.width / 2) * 2.2 && (!best || d < best.d)) best = { d, g, id: g.getAttribute('data-table') };
  }
  if (best) return best;
  const hit = document.elementFromPoint(x, y);
  const box = hit && hit.closest('div.tbl');
  return box && container.contains(box) ? { g: box, id: box.getAttribute('data-table') } : null;
}

// Drag a seat of one round's map (or list) to another table of it.
function setupDrag(container, sessionId, round) {
  let drag = null;
  const ghost = $('ghost');
  container.addEventListener('pointerdown', (e) => {
    const seat = e.target.closest('.seat');
    if (!seat || e.button !== 0) return;
    e.preventDefault();
    const from = seat.closest('.tbl');
    drag = { seat, id: seat.getAttribute('data-attendee'), from: from && from.getAttribute('data-table'), x: e.clientX, y: e.clientY, moved: false, target: null };
    container.setPointerCapture(e.pointerId);
  });
  container.addEventListener('pointermove', (e) => {
    if (!drag) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < 6) return;
    if (!drag.moved) {
      drag.moved = true;
      drag.seat.classList.add('dragging');
      const who = state.people.get(drag.id);
      ghost.textContent = who ? who.name : drag.id;
      ghost.hidden = false;
    }
    const hit = tableAt(container, e.clientX, e.clientY);
    // A group of another profession's track is no target: no highlight,
    // no request; the ghost says why.
    const allowed = !hit || hit.id === drag.from || mayMoveTo(sessionId, drag.id, hit.id);
    const who = state.people.get(drag.id);
    ghost.textContent = allowed ? (who ? who.name : drag.id) : t('cannotMoveHere', who ? who.name : drag.id);
    ghost.classList.toggle('refused', !allowed);
    // beside the pointer, kept inside the window (a refusal is longer)
    ghost.style.left = Math.max(0, Math.min(e.clientX + 12, window.innerWidth - ghost.offsetWidth - 8)) + 'px';
    ghost.style.top = e.clientY + 8 + 'px';
    const target = hit && hit.id !== drag.from && allowed ? hit.g : null;
    if (drag.target !== target) {
      if (drag.target) drag.target.classList.remove('target');
      if (target) target.classList.add('target');
      drag.target = target;
    }
  });
  const end = (e, cancelled) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    ghost.hidden = true;
    ghost.classList.remove('refused');
    d.seat.classList.remove('dragging');
    if (d.target) d.target.classList.remove('target');
    if (cancelled) return;
    if (!d.moved) return openPerson(d.id);
    if (d.target) moveTo(d.id, sessionId, d.target.getAttribute('data-table'), round);
  };
  container.addEventListener('pointerup', (e) => end(e, false));
  container.addEventListener('pointercancel', (e) => end(e, true));
}

// Whether a person may be moved to a table: in a workgroup, only to a
// group of their own profession's track (the event's tracks name their
// professions; the server checks every move again before storing it).
function mayMoveTo(sessionId, attendeeId, tableId) {
  const s = state.plan.sessions.find((x) => x.id === sessionId);
  const tb = s && s.tables.find((x) => x.id === tableId);
  if (!tb) return false;
  if (!tb.track) return true;
  const spec = ((state.plan.event && state.plan.event.sessions) || []).find((x) => x.id === sessionId);
  const track = spec && (spec.tracks || []).find((k) => k.id === tb.track);
  const who = state.people.get(attendeeId);
  return !!(track && who && (track.professions || []).includes(who.profession));
}

// Round 1: the move becomes a pin and the plan is made again around it.
// A later round: a swap with one person of that table, made at once.
async function moveTo(attendee, session, table, round) {
  const who = state.people.get(attendee);
  const name = who ? who.name : attendee;
  if (!mayMoveTo(session, attendee, table)) return toast(t('cannotMoveHere', name));
  if (round > 1) {
    const { status, data } = await api('POST', eventPath('move'), { attendee, session, table, round });
    $('person').close();
    if (status !== 200) return refused(status, data);
    const partner = (data.moved || []).find((m) => m.attendee !== attendee);
    toast(t('movedRound', name, round, tableLabel(session, table), partner ? partner.name : '?'), true);
    await refreshEvent();
    return;
  }
  $('progressText').textContent = t('moving', name);
  const { status, data } = await api('POST', eventPath('move'), { attendee, session, table });
  if (status !== 202) return refused(status, data);
  $('person').close();
  state.ownJob = true;
  await pollJob();
}

// ---- one person ------------------------------------------------------------------------

function openPerson(id) {
  const a = state.people.get(id);
  if (!a) return;
  $('personName').textContent = a.name;
  const info = $('personInfo');
  info.replaceChildren();
  const row = (k, v) => info.append(el('dt', {}, t(k)), el('dd', {}, v || '—'));
  row('dId', a.id);
  row('dKana', a.kana);
  row('dProfession', professionLabel(a.profession));
  row('dOrganization', a.organization);
  row('dRegion', a.region);
  row('dExperience', t(a.experience));
  const moves = $('personMoves');
  moves.replaceChildren();
  for (const s of state.plan.sessions) {
    const seat = a.seats && a.seats[s.id];
    if (!seat) continue;
    const k = roundCount(s);
    moves.append(el('div', { class: 'line' },
      el('strong', {}, (s.title || s.id) + (k > 1 ? ' ' + t('roundN', 1) : '') + ': '),
      el('span', {}, tableLabel(s.id, seat)), ' → ', ...moveChoice(a, s, 1, seat)));
    if (k < 2) continue;
    // a session with rounds: the itinerary, and a move in each later round
    moves.append(el('div', { class: 'line' }, el('strong', {}, t('itinerary') + ': '),
      el('span', { class: 'itinerary', 'data-itinerary': s.id }, itineraryText(s, a))));
    for (let r = 2; r <= k; r++) {
      const at = ((a.itinerary && a.itinerary[s.id]) || [])[r - 1];
      if (at) moves.append(el('div', { class: 'line' }, el('strong', {}, t('roundN', r) + ': '),
        el('span', {}, tableLabel(s.id, at)), ' → ', ...moveChoice(a, s, r, at)));
    }
  }
  for (const s of state.plan.sessions) {
    const roles = sessionRoles(s.id);
    const seat = a.seats && a.seats[s.id];
    const group = seat && s.tables.find((x) => x.id === seat);
    if (!roles.length || !group) continue;
    moves.append(roleLine(a, s, roles, group.roles || {}));
  }
  $('personRemove').onclick = () => removePerson(a);
  $('person').showModal();
}

// A choice of table for a in round r of session s (seated at `seat`) and
// the button that moves them there: [select, button].  Round 1's select
// is data-session, a later round's data-round-session and data-round.
function moveChoice(a, s, r, seat) {
  const marks = r > 1 ? { 'data-round-session': s.id, 'data-round': String(r) } : { 'data-session': s.id };
  const select = el('select', marks);
  for (const tb of roundTables(s, r).filter((x) => x.id === seat || mayMoveTo(s.id, a.id, x.id))) {
    const o = el('option', { value: tb.id }, tb.label + ' (' + tb.members.length + ')');
    if (tb.id === seat) o.selected = true;
    select.append(o);
  }
  return [select, el('button', { type: 'button', class: 'small', onclick: () => {
    if (select.value !== seat) moveTo(a.id, s.id, select.value, r);
  } }, t('moveButton'))];
}

// The roles of a session, from the event's settings: [{id, label, label_en}].
function sessionRoles(id) {
  const s = state.event && state.event.settings && state.event.settings.sessions.find((x) => x.id === id);
  return (s && s.roles) || [];
}

function roleLabel(r) {
  return state.lang === 'en' ? r.label_en || r.label || r.id : r.label || r.id;
}

// 役割: what a holds in their group, and a choice to give them another.
function roleLine(a, s, roles, held) {
  const mine = roles.filter((r) => held[r.id] === a.id);
  const select = el('select', { 'data-role-session': s.id, 'data-role-for': a.id });
  select.append(el('option', { value: '' }, t('roleNone')));
  for (const r of roles) {
    const holder = held[r.id] && state.people.get(held[r.id]);
    select.append(el('option', { value: r.id }, roleLabel(r) + (holder && holder.id !== a.id ? ' (' + holder.name + ')' : '')));
  }
  select.value = mine.length ? mine[0].id : '';
  return el('div', { class: 'line' },
    el('strong', {}, t('dRole') + ': '),
    el('span', {}, mine.map(roleLabel).join('・') || t('roleNone')), ' → ', select,
    el('button', { type: 'button', class: 'small', onclick: () => {
      if (select.value && !mine.some((r) => r.id === select.value)) giveRole(a, s.id, roles.find((r) => r.id === select.value));
    } }, t('roleButton')));
}

async function giveRole(a, session, role) {
  const { status, data } = await api('POST', eventPath('role'), { attendee: a.id, session, role: role.id });
  $('person').close();
  if (status !== 200) return refused(status, data);
  toast(t('roleSet', a.name, roleLabel(role)), true);
  await refreshEvent();
}

$('personClose').addEventListener('click', () => $('person').close());

async function removePerson(a) {
  if (!confirm(t('removeConfirm', a.name))) return;
  const { status, data } = await api('POST', eventPath('remove'), { attendee: a.id });
  $('person').close();
  if (status !== 200) return refused(status, data);
  const moved = (data.moved || []).map((m) => m.name + ' → ' + tableLabel(m.session, m.to));
  toast([moved.length ? t('removedMoved', a.name, moved.join('、')) : t('removed', a.name), ...notes(data)].join('\n'), true);
  await refreshEvent();
}

// People cancelled at the desk (the plan keeps them), each with a way back.
// What a desk change did besides (a role given to someone else): its texts.
function notes(data) {
  return (data.notes || []).map((d) => d.text);
}

function showCancelled() {
  const gone = (state.plan && state.plan.cancelled) || [];
  $('cancelledBox').hidden = gone.length === 0;
  const ul = $('cancelled');
  ul.replaceChildren();
  for (const c of gone)
    ul.append(el('li', {}, el('span', {}, c.name + '（' + (c.organization || '') + '）'),
      el('button', { type: 'button', class: 'small', onclick: () => restorePerson(c) }, t('restore'))));
}

async function restorePerson(c) {
  const { status, data } = await api('POST', eventPath('restore'), { attendee: c.id });
  if (status !== 200) return refused(status, data);
  await refreshEvent();
  toast([t('restored', c.name), seatsText(data.attendee), ...notes(data)].filter((x) => x).join('\n'), true);
}

// ---- walk-ins -------------------------------------------------------------------------

$('walkin').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target;
  const body = {};
  for (const [k, v] of new FormData(form).entries()) body[k] = String(v).trim();
  busy(true);
  let { status, data } = await api('POST', eventPath('add'), body);
  busy(false);
  // Someone with the same name, reading and organisation is already seated:
  // a double registration, or a namesake the organiser may confirm.
  if (status === 409 && data.conflict) return;
  if (status === 409 && data.same_person) {
    const text = (data.diags || []).map((d) => d.text).join('\n');
    if (!confirm(text + '\n\n' + t('addAnyway'))) {
      showDiags($('walkinDiags'), data.diags);
      return;
    }
    busy(true);
    ({ status, data } = await api('POST', eventPath('add'), { ...body, force: true }));
    busy(false);
    if (status === 409 && data.conflict) return;
  }
  if (status !== 200) {
    showDiags($('walkinDiags'), data.diags || [{ severity: 'error', text: data.error || String(status) }]);
    return;
  }
  showDiags($('walkinDiags'), []);
  form.reset();
  await refreshEvent();
  toast([t('added', body.name), seatsText(data.attendee), ...notes(data)].filter((x) => x).join('\n'), true);
});

// Where someone sits, session by session (a session with rounds: every
// round's table), for the desk's message: 「席: 午前 テーブル3 → 7 → 1 / 午後 …」.
function seatsText(id) {
  const a = state.people.get(id);
  if (!a || !state.plan) return '';
  const seats = state.plan.sessions.filter((s) => a.seats && a.seats[s.id])
    .map((s) => (s.title || s.id) + ' ' + itineraryText(s, a));
  return seats.length ? t('seatsNow', seats.join(' / ')) : '';
}

// ---- start ---------------------------------------------------------------------------------

applyLang();
setupDrop();
if (location.hash.startsWith('#event=')) api('GET', '/api/events').then(({ data }) => showBadgeLayouts(data.badge_layouts));
openFromAddress();
