// LokerBot's admin dashboard: one page, one view at a time (#vacancies, #review, #reports, #import, #companies,
// #broadcasts, #training, #statistics, #tokens, #whatsapp), every datum from the admin API with the session cookie the
// login set. Words come from locales/ (admin.* keys); Indonesian unless English was chosen.
// Nothing is written with innerHTML: every text goes in as a text node.
/* global document, window, localStorage, location, fetch, setTimeout, clearTimeout, queueMicrotask, URLSearchParams, Node */
'use strict';

const API = '/api/admin';
const state = { texts: {}, locale: localStorage.getItem('lokerbot-admin-locale') === 'en' ? 'en' : 'id', me: null, charts: [], broadcastProgramme: null };

function t(key, params = {}) {
  const text = (state.texts[state.locale] || {})[key] || (state.texts.id || {})[key] || key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** An element with attributes (`on…` are listeners) and children (strings become text). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}

class ApiError extends Error {
  constructor(status, error) {
    super(error && error.message ? error.message : `HTTP ${status}`);
    this.status = status;
    this.code = error && error.code;
    this.details = (error && error.details) || {};
  }
}

/** Calls the admin API with the session cookie; JSON in and out. A lost session goes back to the login. */
async function api(path, { method = 'GET', body, raw, type } = {}) {
  const headers = {};
  if (body !== undefined || raw !== undefined) headers['content-type'] = type || 'application/json';
  const response = await fetch(API + path, { method, headers, body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (response.status === 401) {
    location.href = '/admin/login';
    throw new ApiError(401, { message: t('admin.error.session') });
  }
  const isJson = (response.headers.get('content-type') || '').startsWith('application/json');
  const data = isJson ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, isJson ? data.error : undefined);
  return data;
}

function errorLine(error) {
  const issues = error.details && Array.isArray(error.details.issues) ? `: ${error.details.issues.join('; ')}` : '';
  return h('p', { class: 'error', role: 'alert' }, `${error.message}${issues}`);
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** The linter's warnings as a list naming the words. */
function warningList(warnings) {
  if (!warnings || warnings.length === 0) return h('p', { class: 'ok', 'data-testid': 'no-warnings' }, t('admin.lint.none'));
  return h(
    'ul',
    { class: 'warnings', 'data-testid': 'warnings' },
    warnings.map((w) => h('li', {}, t(`admin.lint.${w.code}`), w.words ? [': ', h('q', {}, w.words)] : '')),
  );
}

// ---------------------------------------------------------------- vacancies

const VACANCY_FIELDS = ['title', 'companyName', 'companyId', 'kecamatan', 'estate', 'description', 'requirements', 'requiredSkills', 'minEducation', 'salaryMin', 'salaryMax', 'deadline', 'quota'];
const EDUCATION = ['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];

async function vacanciesView(view) {
  const filters = { status: '', q: '', kecamatan: '' };
  const listBox = h('div', { class: 'table' });
  const formBox = h('section', { hidden: true });
  const load = async (cursor) => {
    const query = new URLSearchParams(Object.entries({ ...filters, limit: '20', ...(cursor ? { cursor } : {}) }).filter(([, v]) => v !== ''));
    try {
      const page = await api(`/vacancies?${query}`);
      listBox.replaceChildren(vacancyTable(page, (id) => editVacancy(formBox, id, () => load()), () => load()));
      if (page.nextCursor) listBox.append(h('button', { class: 'secondary', onclick: () => load(page.nextCursor) }, t('admin.more')));
    } catch (error) {
      listBox.replaceChildren(errorLine(error));
    }
  };
  const filter = (name) => (event) => {
    filters[name] = event.target.value.trim();
    void load();
  };
  view.append(
    h('section', {},
      h('h2', {}, t('admin.vacancies.title')),
      h('div', { class: 'filters' },
        h('label', {}, t('admin.vacancies.status'), h('select', { onchange: filter('status'), name: 'filter-status' }, h('option', { value: '' }, t('admin.all')), ['draft', 'open', 'closed'].map((s) => h('option', { value: s }, t(`admin.status.${s}`))))),
        h('label', {}, t('admin.vacancies.search'), h('input', { type: 'search', name: 'filter-q', oninput: debounce(filter('q'), 300) })),
        h('label', {}, t('admin.vacancies.kecamatan'), h('input', { name: 'filter-kecamatan', onchange: filter('kecamatan') })),
      ),
      h('div', { class: 'row' }, h('button', { onclick: () => editVacancy(formBox, undefined, () => load()) }, t('admin.vacancies.new')), h('a', { href: `${API}/vacancies/template.csv` }, t('admin.import.template'))),
    ),
    formBox,
    h('section', {}, listBox),
  );
  await load();
}

function vacancyTable(page, edit, reload) {
  if (page.items.length === 0) return h('p', {}, t('admin.empty'));
  return h('table', { 'data-testid': 'vacancies' },
    h('thead', {}, h('tr', {}, ['title', 'company', 'kecamatan', 'status', 'warnings', 'actions'].map((c) => h('th', {}, t(`admin.vacancies.col.${c}`))))),
    h('tbody', {}, page.items.map(({ vacancy, warnings }) =>
      h('tr', { 'data-id': vacancy.id },
        h('td', {}, vacancy.title),
        h('td', {}, vacancy.company.name),
        h('td', {}, vacancy.kecamatan, vacancy.estate ? ` · ${vacancy.estate}` : ''),
        h('td', {}, h('span', { class: `badge ${vacancy.status}` }, t(`admin.status.${vacancy.status}`)), vacancy.review && vacancy.review.state !== 'approved' ? [' ', h('span', { class: 'badge review' }, t(`admin.review.state.${vacancy.review.state}`))] : null),
        h('td', {}, warnings.filter((w) => w.discriminating).length > 0 ? warningList(warnings.filter((w) => w.discriminating)) : String(warnings.length)),
        h('td', { class: 'row' },
          h('button', { class: 'secondary', onclick: () => edit(vacancy.id) }, t('admin.edit')),
          h('button', { class: 'secondary', onclick: () => showApplicants(vacancy) }, t('admin.vacancies.applicants')),
          vacancy.status === 'open'
            ? h('button', { class: 'danger', onclick: async () => { await api(`/vacancies/${vacancy.id}/close`, { method: 'POST' }); reload(); } }, t('admin.vacancies.close'))
            : null,
        ),
      ),
    )),
  );
}

/** The vacancy form: the linter's warnings are shown as the poster types, and again after saving. */
async function editVacancy(box, id, reload) {
  box.hidden = false;
  const current = id ? (await api(`/vacancies/${id}`)).vacancy : undefined;
  const value = (name) => {
    if (!current) return '';
    if (name === 'companyName') return current.company.name;
    if (name === 'companyId') return current.company.id || '';
    if (name === 'requiredSkills') return current.requiredSkills.join(', ');
    if (name === 'deadline') return current.deadline ? current.deadline.slice(0, 10) : '';
    return current[name] === undefined ? '' : String(current[name]);
  };
  const inputs = {};
  const field = (name, control) => {
    inputs[name] = control;
    return h('label', { class: ['description', 'requirements', 'title'].includes(name) ? 'wide' : '' }, t(`admin.vacancy.${name}`), control);
  };
  const warningsBox = h('div', { 'data-testid': 'lint' });
  const message = h('div');
  const reason = h('input', { name: 'overrideReason', placeholder: t('admin.vacancy.reasonHint') });
  const reasonBox = h('label', { class: 'wide', hidden: true }, t('admin.vacancy.overrideReason'), reason);
  const read = () => {
    const v = (name) => inputs[name].value.trim();
    const number = (name) => (v(name) === '' ? null : Number(v(name)));
    return {
      title: v('title'),
      company: { name: v('companyName'), ...(v('companyId') ? { id: v('companyId') } : {}) },
      kecamatan: v('kecamatan'),
      estate: v('estate') || null,
      description: v('description'),
      requirements: v('requirements'),
      requiredSkills: list(v('requiredSkills')),
      minEducation: v('minEducation') || null,
      salaryMin: number('salaryMin'),
      salaryMax: number('salaryMax'),
      deadline: v('deadline') ? `${v('deadline')}T23:59:59+07:00` : null,
      quota: number('quota') || 1,
    };
  };
  const lint = debounce(async () => {
    const draft = read();
    try {
      const { warnings, review } = await api('/vacancies/lint', {
        method: 'POST',
        body: { title: draft.title, companyName: draft.company.name, ...(draft.company.id ? { companyId: draft.company.id } : {}), ...(draft.minEducation ? { minEducation: draft.minEducation } : {}), description: draft.description, requirements: draft.requirements, salaryMin: draft.salaryMin, salaryMax: draft.salaryMax, deadline: draft.deadline, kecamatan: draft.kecamatan || null },
      });
      warningsBox.replaceChildren(warningList(warnings), review.length ? h('div', { 'data-testid': 'review-ahead' }, h('p', {}, t('admin.vacancy.review-ahead')), reasonList(review)) : '');
    } catch (error) {
      warningsBox.replaceChildren(errorLine(error));
    }
  }, 250);
  let savedId = id;
  const save = async (event) => {
    event.preventDefault();
    const draft = read();
    try {
      let view;
      if (savedId) {
        view = await api(`/vacancies/${savedId}`, { method: 'PATCH', body: draft });
      } else {
        const { estate, minEducation, salaryMin, salaryMax, deadline, ...rest } = draft;
        const created = { ...rest, ...(estate ? { estate } : {}), ...(minEducation ? { minEducation } : {}), ...(salaryMin !== null ? { salaryMin } : {}), ...(salaryMax !== null ? { salaryMax } : {}), ...(deadline ? { deadline } : {}) };
        view = await api('/vacancies', { method: 'POST', body: created });
        savedId = view.vacancy.id;
      }
      warningsBox.replaceChildren(warningList(view.warnings));
      message.replaceChildren(h('p', { class: 'ok', role: 'status' }, t('admin.vacancy.saved', { status: t(`admin.status.${view.vacancy.status}`) })));
      openButton.hidden = view.vacancy.status === 'open';
      reload();
    } catch (error) {
      message.replaceChildren(errorLine(error));
    }
  };
  const open = async () => {
    try {
      const body = reason.value.trim() ? { overrideReason: reason.value.trim() } : {};
      const view = await api(`/vacancies/${savedId}/open`, { method: 'POST', body });
      message.replaceChildren(h('p', { class: 'ok', role: 'status' }, t('admin.vacancy.opened')));
      warningsBox.replaceChildren(warningList(view.warnings));
      openButton.hidden = true;
      reasonBox.hidden = true;
      reload();
    } catch (error) {
      if (error.code === 'loker:posting-needs-reason') {
        reasonBox.hidden = false;
        message.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('admin.vacancy.needsReason')));
      } else message.replaceChildren(errorLine(error));
    }
  };
  const openButton = h('button', { type: 'button', class: 'secondary', name: 'open', hidden: !savedId || (current && current.status === 'open'), onclick: open }, t('admin.vacancy.open'));
  const form = h('form', { class: 'grid', oninput: lint, onsubmit: save },
    VACANCY_FIELDS.map((name) => {
      if (name === 'minEducation') return field(name, h('select', { name, value: value(name) }, h('option', { value: '' }, '—'), EDUCATION.map((e) => h('option', { value: e, selected: value(name) === e }, e))));
      if (name === 'description' || name === 'requirements') return field(name, h('textarea', { name }, value(name)));
      if (name === 'companyId' && state.me.role === 'company') return null;
      const type = { salaryMin: 'number', salaryMax: 'number', quota: 'number', deadline: 'date' }[name] || 'text';
      return field(name, h('input', { name, type, value: value(name), required: ['title', 'companyName', 'kecamatan'].includes(name) }));
    }),
    reasonBox,
    h('div', { class: 'wide' }, warningsBox),
    h('div', { class: 'row wide' }, h('button', { type: 'submit', name: 'save' }, t('admin.save')), openButton, h('button', { type: 'button', class: 'secondary', onclick: () => (box.hidden = true) }, t('admin.cancel'))),
    h('div', { class: 'wide' }, message),
  );
  box.replaceChildren(h('h2', {}, current ? t('admin.vacancy.edit', { title: current.title }) : t('admin.vacancies.new')), form);
  lint();
  box.scrollIntoView({ block: 'start' });
}

// ---------------------------------------------------------------- applicants

async function showApplicants(vacancy) {
  const view = document.getElementById('view');
  const box = h('section', { 'data-testid': 'applicants' }, h('h2', {}, t('admin.applicants.title', { title: vacancy.title })));
  view.prepend(box);
  try {
    const page = await api(`/vacancies/${vacancy.id}/applications`);
    if (page.items.length === 0) box.append(h('p', {}, t('admin.empty')));
    for (const { application, applicant } of page.items) box.append(applicantCard(application, applicant));
  } catch (error) {
    box.append(errorLine(error));
  }
  box.scrollIntoView({ block: 'start' });
}

function applicantCard(application, applicant) {
  const status = h('span', { class: 'badge', 'data-testid': 'application-status' }, t(`admin.application.${application.status}`));
  const note = h('input', { name: 'note', placeholder: t('admin.applicants.note') });
  const message = h('span');
  const decide = (next) => async () => {
    try {
      const result = await api(`/applications/${application.id}/status`, { method: 'POST', body: { status: next, ...(note.value.trim() ? { note: note.value.trim() } : {}) } });
      status.textContent = t(`admin.application.${result.application.status}`);
      message.replaceChildren(h('span', { class: 'ok', role: 'status' }, result.changed ? t('admin.applicants.told') : t('admin.applicants.same')));
    } catch (error) {
      message.replaceChildren(errorLine(error));
    }
  };
  const who = applicant
    ? [h('b', {}, applicant.name), ` · ${applicant.kecamatan}${applicant.ktpBekasi ? ' · KTP Bekasi' : ''} · ${applicant.education.level}`, h('br'), applicant.skills]
    : [h('i', {}, t('admin.applicants.erased'))];
  return h('div', { class: 'applicant', 'data-id': application.id },
    h('p', {}, ...who, ' ', status),
    h('div', { class: 'row' }, note, ['viewed', 'interview', 'hired', 'rejected'].map((s) => h('button', { class: s === 'rejected' ? 'danger' : 'secondary', name: s, onclick: decide(s) }, t(`admin.application.${s}`))), message),
  );
}

// ---------------------------------------------------------------- review

const rupiah = (n) => `Rp ${Number(n).toLocaleString('id-ID')}`;

/** The fee and scam detector's reasons, in the dashboard's words, with the words found or the figures. */
function reasonList(reasons) {
  return h('ul', { class: 'warnings', 'data-testid': 'reasons' }, reasons.map((r) => {
    const d = r.details || {};
    const what = d.monthlyPay !== undefined && d.ceiling !== undefined
      ? t('admin.review.pay', { pay: rupiah(d.monthlyPay), ceiling: rupiah(d.ceiling) })
      : r.words
        ? h('q', {}, r.words)
        : d.kind ? t(`admin.review.kind.${d.kind}`) : '';
    return h('li', { 'data-code': r.code }, t(`admin.review.reason.${r.code}`), what ? [': ', what] : '');
  }));
}

/** Vacancies the detector flagged: read each, then open it or reject it, with a note for the audit log. */
async function reviewView(view) {
  const listBox = h('div', { 'data-testid': 'review' });
  const load = async (cursor) => {
    try {
      const page = await api(`/vacancies/review?${new URLSearchParams({ limit: '20', ...(cursor ? { cursor } : {}) })}`);
      listBox.replaceChildren(page.items.length === 0 ? h('p', {}, t('admin.review.none')) : '', ...page.items.map((v) => reviewCard(v, () => load())));
      if (page.nextCursor) listBox.append(h('button', { class: 'secondary', onclick: () => load(page.nextCursor) }, t('admin.more')));
    } catch (error) {
      listBox.replaceChildren(errorLine(error));
    }
  };
  view.append(h('section', {}, h('h2', {}, t('admin.review.title')), h('p', {}, t('admin.review.help'))), listBox);
  await load();
}

function reviewCard(vacancy, reload) {
  const note = h('input', { name: 'review-note', maxlength: '500' });
  const result = h('div', {});
  const decide = (action, body) => async () => {
    try {
      await api(`/vacancies/${vacancy.id}/${action}`, { method: 'POST', body });
      reload();
    } catch (error) {
      result.replaceChildren(errorLine(error));
    }
  };
  const noteBody = () => (note.value.trim() ? { note: note.value.trim() } : {});
  return h('section', { class: 'card', 'data-id': vacancy.id },
    h('h3', {}, vacancy.title, ' · ', vacancy.company.name),
    h('p', {}, vacancy.kecamatan, vacancy.salaryMin || vacancy.salaryMax ? ` · ${[vacancy.salaryMin, vacancy.salaryMax].filter(Boolean).map(rupiah).join(' – ')}` : ''),
    reasonList(vacancy.review.reasons),
    h('details', {}, h('summary', {}, t('admin.review.text')), h('p', { class: 'posting' }, vacancy.description), h('p', { class: 'posting' }, vacancy.requirements)),
    h('label', {}, t('admin.review.note'), note),
    h('div', { class: 'row' },
      h('button', { onclick: () => void decide('approve', noteBody())() }, t('admin.review.approve')),
      h('button', { class: 'danger', onclick: () => void decide('reject', noteBody())() }, t('admin.review.reject')),
    ),
    result,
  );
}

// ---------------------------------------------------------------- reports

const REPORT_OUTCOMES = ['vacancy-closed', 'no-violation', 'other'];

/** Reports of a fee asked or a fake vacancy: the list by status, one opened with its chat, and the resolution the reporter is told. */
async function reportsView(view) {
  const listBox = h('div', { 'data-testid': 'reports' });
  const detailBox = h('div', { 'data-testid': 'report-detail' });
  let status = 'open';
  const load = async (cursor) => {
    try {
      const page = await api(`/reports?${new URLSearchParams({ limit: '20', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) })}`);
      const rows = page.items.map((r) => h('tr', { 'data-id': r.id },
        h('td', {}, when(r.createdAt)),
        h('td', {}, r.vacancy ? `${r.vacancy.title} · ${r.vacancy.companyName}` : t('admin.reports.vacancy-gone')),
        h('td', {}, t(`admin.reports.reason.${r.reason}`)),
        h('td', {}, h('span', { class: `badge ${r.status}` }, t(`admin.reports.status.${r.status}`))),
        h('td', {}, h('button', { class: 'secondary', onclick: () => void open(r.id) }, t('admin.reports.open')))));
      listBox.replaceChildren(page.items.length === 0 ? h('p', {}, t('admin.reports.none')) : h('div', { class: 'table' }, h('table', {}, h('tbody', {}, rows))));
      if (page.nextCursor) listBox.append(h('button', { class: 'secondary', onclick: () => load(page.nextCursor) }, t('admin.more')));
    } catch (error) {
      listBox.replaceChildren(errorLine(error));
    }
  };
  const open = async (id) => {
    try {
      detailBox.replaceChildren(reportCard(await api(`/reports/${id}`), () => { void load(); void open(id); }));
    } catch (error) {
      detailBox.replaceChildren(errorLine(error));
    }
  };
  const filter = h('select', { name: 'filter-report-status', onchange: (e) => { status = e.target.value; void load(); } },
    ['open', 'resolved'].map((s) => h('option', { value: s }, t(`admin.reports.status.${s}`))), h('option', { value: '' }, t('admin.all')));
  view.append(h('section', {}, h('h2', {}, t('admin.reports.title')), h('p', {}, t('admin.reports.help')), h('label', {}, t('admin.reports.filter'), filter)), listBox, detailBox);
  await load();
}

function reportCard(report, reload) {
  const vacancy = report.vacancy;
  const transcript = report.transcript
    ? h('ol', { class: 'transcript', 'data-testid': 'transcript' }, report.transcript.map((line) => h('li', { class: line.from }, h('strong', {}, `${t(`admin.reports.from.${line.from}`)}: `), h('span', { class: 'posting' }, line.text))))
    : h('p', {}, t('admin.reports.no-transcript'));
  return h('section', { class: 'card', 'data-id': report.id },
    h('h3', {}, vacancy ? `${vacancy.title} · ${vacancy.companyName}` : t('admin.reports.vacancy-gone')),
    vacancy ? h('p', {}, vacancy.kecamatan, ' · ', h('span', { class: `badge ${vacancy.status}` }, t(`admin.status.${vacancy.status}`))) : null,
    h('p', {}, t(`admin.reports.reason.${report.reason}`), ' · ', report.channel ? t('admin.reports.channel', { channel: report.channel }) : t('admin.reports.erased'), ' · ', when(report.createdAt)),
    report.text ? [h('h4', {}, t('admin.reports.text')), h('p', { class: 'posting' }, report.text)] : null,
    h('h4', {}, t('admin.reports.transcript')),
    transcript,
    report.resolution
      ? h('p', { 'data-testid': 'resolution' }, t('admin.reports.resolved', { at: when(report.resolution.resolvedAt), by: report.resolution.resolvedBy, outcome: t(`admin.reports.outcome.${report.resolution.outcome}`) }), report.resolution.note ? [h('br'), report.resolution.note] : null)
      : resolveForm(report, reload),
  );
}

/** Outcome, note and whether to close the vacancy; the reporter is told on their channel once it is stored. */
function resolveForm(report, reload) {
  const outcome = h('select', { name: 'outcome' }, REPORT_OUTCOMES.map((o) => h('option', { value: o }, t(`admin.reports.outcome.${o}`))));
  const note = h('input', { name: 'report-note', maxlength: '500' });
  const close = h('input', { type: 'checkbox', name: 'close-vacancy' });
  const result = h('div', {});
  // The outcome "vacancy closed" always closes it; for the others the box is left to staff, unticked.
  const sync = () => { close.disabled = outcome.value === 'vacancy-closed'; close.checked = close.disabled; };
  outcome.addEventListener('change', sync);
  sync();
  const submit = async (event) => {
    event.preventDefault();
    try {
      await api(`/reports/${report.id}/resolve`, { method: 'POST', body: { outcome: outcome.value, ...(note.value.trim() ? { note: note.value.trim() } : {}), closeVacancy: close.checked } });
      reload();
    } catch (error) {
      result.replaceChildren(errorLine(error));
    }
  };
  return h('form', { class: 'grid', onsubmit: submit },
    h('label', {}, t('admin.reports.outcome'), outcome),
    h('label', {}, t('admin.reports.note'), note),
    report.vacancy && report.vacancy.status !== 'closed' ? h('label', {}, close, ' ', t('admin.reports.close-vacancy')) : null,
    h('button', { type: 'submit' }, t('admin.reports.resolve')),
    result);
}

// ---------------------------------------------------------------- import

function importView(view) {
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.json,.jsonld,.jsonl' });
  const report = h('div', { 'data-testid': 'import-report' });
  const upload = async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    const type = chosen.name.endsWith('.csv') ? 'text/csv' : chosen.name.endsWith('.jsonl') ? 'application/x-ndjson' : 'application/ld+json';
    report.replaceChildren(h('p', {}, t('admin.import.running')));
    try {
      const result = await api('/vacancies/import', { method: 'POST', raw: chosen, type });
      report.replaceChildren(importReport(result));
    } catch (error) {
      report.replaceChildren(errorLine(error));
    }
  };
  view.append(
    h('section', {},
      h('h2', {}, t('admin.import.title')),
      h('p', {}, t('admin.import.help'), ' ', h('a', { href: `${API}/vacancies/template.csv` }, t('admin.import.template'))),
      h('form', { onsubmit: upload }, file, h('button', { type: 'submit' }, t('admin.import.upload'))),
    ),
    h('section', {}, report),
  );
}

function importReport(r) {
  return h('div', {},
    h('div', { class: 'counts' }, ['rows', 'created', 'updated', 'skipped', 'heldAsDraft', 'flagged'].map((k) => h('div', {}, h('b', {}, String(r[k])), t(`admin.import.${k}`)))),
    r.flaggedRows.length ? [h('h3', {}, t('admin.import.flaggedRows')), h('div', { class: 'table' }, h('table', { 'data-testid': 'import-flagged' }, h('tbody', {}, r.flaggedRows.map((f) => h('tr', {}, h('td', {}, t('admin.import.row', { row: f.row })), h('td', {}, reasonList(f.reasons))))))), h('p', {}, h('a', { href: '#review' }, t('admin.nav.review')))] : null,
    r.problems.length ? [h('h3', {}, t('admin.import.problems')), h('div', { class: 'table' }, h('table', {}, h('tbody', {}, r.problems.map((p) => h('tr', {}, h('td', {}, t('admin.import.row', { row: p.row })), h('td', {}, p.message))))))] : null,
    r.warnings.length ? [h('h3', {}, t('admin.import.warnings')), h('div', { class: 'table' }, h('table', {}, h('tbody', {}, r.warnings.map((w) => h('tr', {}, h('td', {}, t('admin.import.row', { row: w.row })), h('td', {}, warningList(w.warnings)), h('td', {}, w.heldAsDraft ? t('admin.import.held') : ''))))))] : null,
    r.omitted.problems + r.omitted.warnings + r.omitted.flagged > 0 ? h('p', {}, t('admin.import.omitted', { n: r.omitted.problems + r.omitted.warnings + r.omitted.flagged })) : null,
  );
}

// ---------------------------------------------------------------- broadcasts

function broadcastsView(view) {
  const inputs = {};
  const input = (name, control) => ((inputs[name] = control), h('label', { class: ['bodyId', 'bodyEn', 'title'].includes(name) ? 'wide' : '' }, t(`admin.broadcast.${name}`), control));
  const channels = ['whatsapp', 'telegram', 'web'].map((c) => h('input', { type: 'checkbox', name: `channel-${c}`, value: c }));
  const preview = h('div', { 'data-testid': 'preview' });
  const progress = h('div', { 'data-testid': 'progress' });
  // Set by the training page's "broadcast to the interested" button: this programme, preselected once.
  const preset = state.broadcastProgramme;
  state.broadcastProgramme = null;
  const programme = h('select', { name: 'trainingProgrammeId' }, h('option', { value: '' }, '—'), preset ? h('option', { value: preset.id, selected: true }, preset.name) : null);
  void api('/training-programmes').then(({ items }) => {
    for (const p of items) if (!preset || p.id !== preset.id) programme.append(h('option', { value: p.id }, p.name));
  }, () => undefined);
  const segment = () => ({
    channels: channels.filter((c) => c.checked).map((c) => c.value),
    kecamatan: list(inputs.kecamatan.value),
    skills: list(inputs.skills.value),
    ...(inputs.minEducation.value ? { minEducation: inputs.minEducation.value } : {}),
    ktpBekasiOnly: inputs.ktpBekasiOnly.checked,
    ...(inputs.trainingProgrammeId.value ? { trainingProgrammeId: inputs.trainingProgrammeId.value } : {}),
  });
  const refreshPreview = debounce(async () => {
    try {
      const p = await api('/broadcasts/preview', { method: 'POST', body: segment() });
      preview.replaceChildren(h('p', { role: 'status' }, t('admin.broadcast.reach', { seekers: p.seekers, messages: p.messages, optedOut: p.optedOut })));
    } catch (error) {
      preview.replaceChildren(errorLine(error));
    }
  }, 300);
  const send = async (event) => {
    event.preventDefault();
    const at = inputs.scheduledAt.value;
    try {
      const { broadcast } = await api('/broadcasts', {
        method: 'POST',
        body: { kind: inputs.kind.value, title: inputs.title.value.trim(), body: { id: inputs.bodyId.value.trim(), ...(inputs.bodyEn.value.trim() ? { en: inputs.bodyEn.value.trim() } : {}) }, segment: segment(), ...(at ? { scheduledAt: new Date(at).toISOString() } : {}) },
      });
      follow(progress, broadcast.id);
    } catch (error) {
      progress.replaceChildren(errorLine(error));
    }
  };
  view.append(
    h('section', {},
      h('h2', {}, t('admin.broadcast.title')),
      h('form', { class: 'grid', onsubmit: send, oninput: refreshPreview, onchange: refreshPreview },
        input('kind', h('select', { name: 'kind' }, ['job-fair', 'training', 'apprenticeship', 'news'].map((k) => h('option', { value: k, selected: Boolean(preset) && k === 'training' }, t(`admin.broadcast.kind.${k}`))))),
        input('title', h('input', { name: 'title', required: true, maxlength: 150, value: preset ? preset.name : undefined })),
        input('bodyId', h('textarea', { name: 'bodyId', required: true, maxlength: 3000 })),
        input('bodyEn', h('textarea', { name: 'bodyEn', maxlength: 3000 })),
        h('fieldset', { class: 'wide' }, h('legend', {}, t('admin.broadcast.channels')), channels.map((c) => h('label', { class: 'inline' }, c, c.value))),
        input('kecamatan', h('input', { name: 'kecamatan' })),
        input('skills', h('input', { name: 'skills' })),
        input('minEducation', h('select', { name: 'minEducation' }, h('option', { value: '' }, '—'), EDUCATION.map((e) => h('option', { value: e }, e)))),
        input('ktpBekasiOnly', h('input', { type: 'checkbox', name: 'ktpBekasiOnly' })),
        input('trainingProgrammeId', programme),
        input('scheduledAt', h('input', { type: 'datetime-local', name: 'scheduledAt' })),
        h('div', { class: 'wide' }, preview),
        h('div', { class: 'row wide' }, h('button', { type: 'submit', name: 'send' }, t('admin.broadcast.send'))),
      ),
    ),
    h('section', {}, h('h2', {}, t('admin.broadcast.progress')), progress),
  );
  refreshPreview();
}

/** Shows a broadcast's progress every second until nothing is left to happen; it can be cancelled meanwhile. */
function follow(box, id) {
  let timer;
  const cancel = h('button', { class: 'danger', name: 'cancel', onclick: async () => { await api(`/broadcasts/${id}/cancel`, { method: 'POST' }); void tick(); } }, t('admin.broadcast.cancel'));
  const tick = async () => {
    clearTimeout(timer);
    try {
      const { broadcast, progress } = await api(`/broadcasts/${id}`);
      box.replaceChildren(
        h('p', {}, h('b', {}, broadcast.title), ' ', h('span', { class: 'badge', 'data-testid': 'broadcast-status' }, t(`admin.broadcast.status.${broadcast.status}`))),
        h('div', { class: 'counts' }, ['recipients', 'queued', 'pending', 'sent', 'failed', 'skipped', 'cancelled'].map((k) => h('div', { 'data-count': k }, h('b', {}, String(progress[k] ?? '—')), t(`admin.broadcast.count.${k}`)))),
        progress.finished ? null : cancel,
      );
      if (!progress.finished && document.body.contains(box)) timer = setTimeout(tick, 1000);
    } catch (error) {
      box.replaceChildren(errorLine(error));
    }
  };
  void tick();
}

// ---------------------------------------------------------------- training programmes and demand

const TRAINING_KINDS = ['blk', 'lpk', 'internship', 'apprenticeship-japan', 'other'];

/** "2027-01-11 – 2027-02-19, Senin–Jumat": a programme's dates and text, whichever it has. */
function scheduleText(schedule) {
  const dates = schedule.startDate ? [schedule.startDate, schedule.endDate].filter(Boolean).join(' – ') : '';
  return [dates, schedule.text].filter(Boolean).join(', ');
}

async function trainingView(view) {
  const fields = {
    name: h('input', { name: 'name', required: true, maxlength: 150 }),
    provider: h('input', { name: 'provider', required: true, maxlength: 150 }),
    kind: h('select', { name: 'kind' }, TRAINING_KINDS.map((k) => h('option', { value: k }, t(`admin.training.kind.${k}`)))),
    skills: h('input', { name: 'skills', required: true, placeholder: 'welding-smaw, forklift' }),
    startDate: h('input', { name: 'startDate', type: 'date' }),
    endDate: h('input', { name: 'endDate', type: 'date' }),
    scheduleText: h('input', { name: 'scheduleText', maxlength: 200 }),
    quota: h('input', { name: 'quota', type: 'number', min: 1, required: true }),
    requirements: h('input', { name: 'requirements', maxlength: 1000 }),
    minEducation: h('select', { name: 'minEducation' }, h('option', { value: '' }, '—'), EDUCATION.map((e) => h('option', { value: e }, e))),
    kecamatan: h('input', { name: 'kecamatan', required: true, maxlength: 60 }),
    location: h('input', { name: 'location', maxlength: 200 }),
    status: h('select', { name: 'status' }, ['open', 'closed'].map((st) => h('option', { value: st }, t(`admin.training.status.${st}`)))),
  };
  let editing = null;
  const problem = h('div');
  const submit = h('button', { type: 'submit' }, t('admin.training.new'));
  const listBox = h('div', { class: 'table' });
  const demandBox = h('div', { class: 'table' });
  const form = h('form', { class: 'grid', 'data-testid': 'programme-form' },
    Object.entries(fields).map(([k, el]) => h('label', { class: ['skills', 'requirements'].includes(k) ? 'wide' : '' }, t(`admin.training.${k}`), el)),
    h('div', { class: 'row wide' }, submit, h('button', { type: 'reset', class: 'secondary' }, t('admin.training.clear'))));
  const fill = (programme) => {
    editing = programme ? programme.id : null;
    const v = programme || { kind: 'blk', status: 'open', schedule: {}, requirements: {}, skills: [] };
    const values = {
      name: v.name, provider: v.provider, kind: v.kind, skills: v.skills.join(', '), startDate: v.schedule.startDate, endDate: v.schedule.endDate, scheduleText: v.schedule.text,
      quota: v.quota, requirements: v.requirements.text, minEducation: v.requirements.minEducation, kecamatan: v.kecamatan, location: v.location, status: v.status,
    };
    for (const [k, el] of Object.entries(fields)) el.value = values[k] === undefined ? '' : String(values[k]);
    submit.textContent = t(programme ? 'admin.training.save' : 'admin.training.new');
    problem.replaceChildren();
  };
  form.addEventListener('reset', () => queueMicrotask(() => fill(null)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = Object.fromEntries(Object.entries(fields).map(([k, el]) => [k, el.value.trim()]));
    const schedule = { ...(v.startDate ? { startDate: v.startDate } : {}), ...(v.endDate ? { endDate: v.endDate } : {}), ...(v.scheduleText ? { text: v.scheduleText } : {}) };
    const body = {
      name: v.name, provider: v.provider, kind: v.kind, skills: list(v.skills), schedule, quota: Number(v.quota),
      requirements: { text: v.requirements, ...(v.minEducation ? { minEducation: v.minEducation } : {}) },
      kecamatan: v.kecamatan, status: v.status,
      ...(v.location ? { location: v.location } : editing ? { location: null } : {}),
    };
    try {
      await api(editing ? `/training-programmes/${editing}` : '/training-programmes', { method: editing ? 'PATCH' : 'POST', body });
      form.reset();
      await load();
    } catch (error) {
      problem.replaceChildren(errorLine(error));
    }
  });
  const compose = (programme) => {
    state.broadcastProgramme = programme;
    location.hash = '#broadcasts';
  };
  const load = async () => {
    const [{ items }, demand] = await Promise.all([api('/training-programmes'), api('/training-demand')]);
    const interested = new Map(demand.programmes.map((p) => [p.programmeId, p.interested]));
    listBox.replaceChildren(items.length === 0 ? h('p', {}, t('admin.empty')) : h('table', { 'data-testid': 'programmes' },
      h('thead', {}, h('tr', {}, ['name', 'kind', 'skills', 'schedule', 'quota', 'interested', 'status', 'actions'].map((c) => h('th', {}, t(`admin.training.col.${c}`))))),
      h('tbody', {}, items.map((p) => h('tr', { 'data-id': p.id },
        h('td', {}, p.name, h('br'), h('small', {}, `${p.provider} · ${p.kecamatan}`)),
        h('td', {}, t(`admin.training.kind.${p.kind}`)),
        h('td', {}, p.skills.join(', ')),
        h('td', {}, scheduleText(p.schedule)),
        h('td', {}, String(p.quota)),
        h('td', { 'data-count': 'interested' }, String(interested.get(p.id) || 0)),
        h('td', {}, h('span', { class: `badge ${p.status === 'open' ? 'open' : 'closed'}` }, t(`admin.training.status.${p.status}`))),
        h('td', { class: 'row' },
          h('button', { class: 'secondary', onclick: () => fill(p) }, t('admin.training.edit')),
          h('button', { class: 'secondary', onclick: async () => { await api(`/training-programmes/${p.id}`, { method: 'PATCH', body: { status: p.status === 'open' ? 'closed' : 'open' } }); await load(); } }, t(p.status === 'open' ? 'admin.training.close' : 'admin.training.reopen')),
          h('button', { name: 'compose', onclick: () => compose(p) }, t('admin.training.broadcast')),
        ),
      ))),
    ));
    demandBox.replaceChildren(
      demand.kecamatan.length === 0 ? h('p', {}, t('admin.empty')) : h('table', { 'data-testid': 'demand-kecamatan' },
        h('thead', {}, h('tr', {}, ['programme', 'kecamatan', 'interested'].map((c) => h('th', {}, t(`admin.training.col.${c}`))))),
        h('tbody', {}, demand.kecamatan.map((row) => h('tr', {}, h('td', {}, row.programme), h('td', {}, row.kecamatan), h('td', {}, String(row.interested)))))),
      h('p', { class: 'row' }, ['programmes', 'kecamatan'].map((table) => h('a', { href: `${API}/training-demand/${table}.csv` }, `${table}.csv`))),
    );
  };
  view.append(
    h('section', {}, h('h2', {}, t('admin.training.title')), h('p', {}, t('admin.training.hint')), form, problem),
    h('section', {}, listBox),
    h('section', {}, h('h2', {}, t('admin.training.demand')), demandBox),
  );
  await load();
}

// ---------------------------------------------------------------- statistics

async function statisticsView(view) {
  const s = await api('/statistics?weeks=12&top=10');
  const chart = (id, config) => {
    const canvas = h('canvas', { id, role: 'img', 'aria-label': t(`admin.stats.${id}`) });
    queueMicrotask(() => state.charts.push(new window.Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } })));
    return h('div', {}, h('h3', {}, t(`admin.stats.${id}`)), h('div', { class: 'chart' }, canvas));
  };
  const csv = (table) => h('a', { href: `${API}/statistics/${table}.csv` }, table);
  const brand = '#0b6e4f';
  view.append(
    h('section', {},
      h('h2', {}, t('admin.stats.title')),
      h('div', { class: 'counts' },
        h('div', {}, h('b', {}, String(s.seekers.total)), t('admin.stats.seekers')),
        h('div', {}, h('b', {}, String(s.vacancies.open)), t('admin.stats.openVacancies')),
        h('div', { 'data-testid': 'local-share' }, h('b', {}, `${s.localShare.local} / ${s.localShare.target}`), t('admin.stats.localVsTarget', { year: s.localShare.year })),
      ),
      h('div', { class: 'charts' },
        chart('skillGap', { type: 'bar', data: { labels: s.skillGap.map((r) => r.name), datasets: [{ label: t('admin.stats.openedUp'), data: s.skillGap.map((r) => r.vacanciesOpenedUp), backgroundColor: brand }, { label: t('admin.stats.asking'), data: s.skillGap.map((r) => r.vacanciesAsking), backgroundColor: '#9cc9b8' }] }, options: { indexAxis: 'y' } }),
        chart('seekersByKecamatan', { type: 'bar', data: { labels: s.seekers.byKecamatan.map((r) => r.kecamatan), datasets: [{ label: t('admin.stats.seekers'), data: s.seekers.byKecamatan.map((r) => r.count), backgroundColor: brand }] } }),
        chart('perWeek', { type: 'line', data: { labels: s.weekly.map((w) => w.week), datasets: [{ label: t('admin.stats.placements'), data: s.weekly.map((w) => w.placements), borderColor: brand }, { label: t('admin.stats.selfReported'), data: s.weekly.map((w) => w.selfReportedPlacements), borderColor: '#9cc9b8' }, { label: t('admin.stats.applications'), data: s.weekly.map((w) => w.applications), borderColor: '#c77d00' }, { label: t('admin.stats.matches'), data: s.weekly.map((w) => w.matches), borderColor: '#5a6e9c' }] } }),
        chart('seekersByJobSearch', { type: 'doughnut', data: { labels: s.seekers.byJobSearch.map((r) => t(`admin.stats.jobSearch.${r.jobSearch}`)), datasets: [{ data: s.seekers.byJobSearch.map((r) => r.count), backgroundColor: [brand, '#c77d00', '#5a6e9c'] }] } }),
        chart('localShare', { type: 'doughnut', data: { labels: [t('admin.stats.local'), t('admin.stats.notLocal'), t('admin.stats.toTarget')], datasets: [{ data: [s.localShare.local, s.localShare.placements - s.localShare.local, Math.max(0, s.localShare.target - s.localShare.local)], backgroundColor: [brand, '#c77d00', '#e3e8e6'] }] } }),
      ),
      h('h3', {}, t('admin.stats.csv')),
      h('p', { class: 'row' }, ['seekers-by-kecamatan', 'seekers-by-education', 'seekers-by-ktp-bekasi', 'seekers-by-job-search', 'top-skills', 'vacancies-by-estate', 'vacancies-by-sector', 'vacancies-by-kecamatan', 'weekly', 'local-share', 'skill-gap'].map(csv)),
      h('h3', {}, t('admin.stats.exports')),
      h('p', { class: 'row' }, ['seekers', 'vacancies', 'applications', 'placements', 'wlpp'].flatMap((d) => [h('a', { href: `${API}/exports/${d}.csv` }, `${d}.csv`), h('a', { href: `${API}/exports/${d}.jsonl` }, `${d}.jsonl`)])),
    ),
  );
}

// ---------------------------------------------------------------- companies and their verification

const when = (iso) => new Date(iso).toLocaleString(state.locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta' });

async function companiesView(view) {
  const staff = state.me.role !== 'company';
  const filters = { verified: '' };
  const listBox = h('div', { class: 'table' });
  const load = async (cursor) => {
    const query = new URLSearchParams(Object.entries({ ...filters, ...(cursor ? { cursor } : {}) }).filter(([, v]) => v !== ''));
    try {
      const page = await api(`/companies?${query}`);
      listBox.replaceChildren(companyTable(page, staff, () => load()));
      if (page.nextCursor) listBox.append(h('button', { class: 'secondary', onclick: () => load(page.nextCursor) }, t('admin.more')));
    } catch (error) {
      listBox.replaceChildren(errorLine(error));
    }
  };
  const fields = { id: h('input', { name: 'id', maxlength: 64 }), name: h('input', { name: 'name', required: true, maxlength: 150 }), registrationNumber: h('input', { name: 'registrationNumber', inputmode: 'numeric', pattern: '\\d{13}' }), address: h('input', { name: 'address', maxlength: 300 }), hrName: h('input', { name: 'hrName', maxlength: 100 }), hrPhone: h('input', { name: 'hrPhone', maxlength: 30 }), hrEmail: h('input', { name: 'hrEmail', type: 'email' }) };
  const made = h('div');
  const create = async (event) => {
    event.preventDefault();
    const v = Object.fromEntries(Object.entries(fields).map(([k, el]) => [k, el.value.trim()]));
    const body = { name: v.name, ...(v.id ? { id: v.id } : {}), ...(v.registrationNumber ? { registrationNumber: v.registrationNumber } : {}), ...(v.address ? { address: v.address } : {}), ...(v.hrName ? { hrContact: { name: v.hrName, ...(v.hrPhone ? { phone: v.hrPhone } : {}), ...(v.hrEmail ? { email: v.hrEmail } : {}) } } : {}) };
    try {
      await api('/companies', { method: 'POST', body });
      made.replaceChildren();
      event.target.reset();
      void load();
    } catch (error) {
      made.replaceChildren(errorLine(error));
    }
  };
  const label = { id: 'id', name: 'name', registrationNumber: 'nib', address: 'address', hrName: 'hr-name', hrPhone: 'hr-phone', hrEmail: 'hr-email' };
  view.append(
    h('section', {},
      h('h2', {}, t('admin.companies.title')),
      h('div', { class: 'filters' },
        h('label', {}, t('admin.companies.col.status'), h('select', { name: 'filter-verified', onchange: (event) => { filters.verified = event.target.value; void load(); } },
          h('option', { value: '' }, t('admin.all')), h('option', { value: 'true' }, t('admin.companies.verified')), h('option', { value: 'false' }, t('admin.companies.unverified')))),
      ),
      staff ? h('form', { class: 'grid', 'data-testid': 'company-form', onsubmit: create },
        Object.entries(fields).map(([k, el]) => h('label', {}, t(`admin.companies.${label[k]}`), el)),
        h('div', { class: 'row wide' }, h('button', { type: 'submit' }, t('admin.companies.new')))) : null,
      made,
    ),
    h('section', {}, listBox),
  );
  await load();
}

function companyTable(page, staff, reload) {
  if (page.items.length === 0) return h('p', {}, t('admin.empty'));
  const act = (company) => {
    const verified = Boolean(company.verification);
    const text = h('input', { name: verified ? 'reason' : 'note', placeholder: t(verified ? 'admin.companies.reason' : 'admin.companies.note'), maxlength: 500 });
    const problem = h('span');
    const go = async () => {
      try {
        const words = text.value.trim();
        if (verified) await api(`/companies/${company.id}/unverify`, { method: 'POST', body: { reason: words } });
        else await api(`/companies/${company.id}/verify`, { method: 'POST', body: words ? { note: words } : {} });
        reload();
      } catch (error) {
        problem.replaceChildren(errorLine(error));
      }
    };
    return h('td', { class: 'row' }, text, h('button', { class: verified ? 'danger' : '', onclick: go }, t(verified ? 'admin.companies.unverify' : 'admin.companies.verify')), problem);
  };
  return h('table', { 'data-testid': 'companies' },
    h('thead', {}, h('tr', {}, ['name', 'nib', 'contact', 'status', ...(staff ? ['actions'] : [])].map((c) => h('th', {}, t(`admin.companies.col.${c}`))))),
    h('tbody', {}, page.items.map((company) =>
      h('tr', { 'data-id': company.id },
        h('td', {}, company.name, h('br'), h('small', {}, company.id)),
        h('td', {}, company.registrationNumber || '—'),
        h('td', {}, company.address || '—', company.hrContact ? [h('br'), [company.hrContact.name, company.hrContact.phone, company.hrContact.email].filter(Boolean).join(' · ')] : ''),
        h('td', {}, company.verification
          ? [h('span', { class: 'badge open' }, t('admin.companies.verified')), h('br'), h('small', {}, t('admin.companies.verified-by', { by: company.verification.verifiedBy, at: when(company.verification.verifiedAt) })), company.verification.note ? [h('br'), h('small', {}, company.verification.note)] : '']
          : h('span', { class: 'badge draft' }, t('admin.companies.unverified'))),
        staff ? act(company) : null,
      ),
    )),
  );
}

// ---------------------------------------------------------------- tokens and audit (admins)

async function tokensView(view) {
  const listBox = h('div', { class: 'table' });
  const made = h('div');
  const load = async () => {
    const { items } = await api('/tokens');
    listBox.replaceChildren(h('table', {},
      h('thead', {}, h('tr', {}, ['label', 'role', 'company', 'created', 'revoked', ''].map((c) => h('th', {}, c ? t(`admin.tokens.${c}`) : '')))),
      h('tbody', {}, items.map((tk) => h('tr', {}, h('td', {}, tk.label), h('td', {}, tk.role), h('td', {}, tk.companyId || ''), h('td', {}, tk.createdAt.slice(0, 10)), h('td', {}, tk.revokedAt ? tk.revokedAt.slice(0, 10) : ''),
        h('td', {}, tk.revokedAt ? '' : h('button', { class: 'danger', onclick: async () => { await api(`/tokens/${tk.id}/revoke`, { method: 'POST', body: {} }); void load(); } }, t('admin.tokens.revoke')))))),
    ));
  };
  const role = h('select', { name: 'role' }, ['operator', 'company', 'admin'].map((r) => h('option', { value: r }, r)));
  const name = h('input', { name: 'name', required: true, maxlength: 100 });
  const company = h('input', { name: 'companyId' });
  const create = async (event) => {
    event.preventDefault();
    try {
      const { token } = await api('/tokens', { method: 'POST', body: { role: role.value, name: name.value.trim(), ...(role.value === 'company' ? { companyId: company.value.trim() } : {}) } });
      made.replaceChildren(h('p', {}, t('admin.tokens.once')), h('p', { class: 'secret', 'data-testid': 'new-token' }, token));
      void load();
    } catch (error) {
      made.replaceChildren(errorLine(error));
    }
  };
  const audit = await api('/audit?limit=50');
  view.append(
    h('section', {}, h('h2', {}, t('admin.tokens.title')), h('form', { class: 'grid', onsubmit: create }, h('label', {}, t('admin.tokens.role'), role), h('label', {}, t('admin.tokens.label'), name), h('label', {}, t('admin.tokens.company'), company), h('div', { class: 'row wide' }, h('button', { type: 'submit' }, t('admin.tokens.create')))), made, listBox),
    h('section', {}, h('h2', {}, t('admin.audit.title')), h('div', { class: 'table' }, h('table', { 'data-testid': 'audit' },
      h('thead', {}, h('tr', {}, ['at', 'actor', 'action', 'target'].map((c) => h('th', {}, t(`admin.audit.${c}`))))),
      h('tbody', {}, audit.items.map((e) => h('tr', {}, h('td', {}, new Date(e.at).toLocaleString(state.locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta' })), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, `${e.target.type} ${e.target.id}`)))),
    ))),
  );
  await load();
}

// ---------------------------------------------------------------- WhatsApp and queues

async function whatsappView(view) {
  const box = h('section', {}, h('h2', {}, t('admin.whatsapp.title')));
  view.append(box, h('section', {}, h('h2', {}, t('admin.queues.title')), h('p', {}, h('a', { href: '/admin/queues/' }, t('admin.queues.open')))));
  try {
    const status = await api('/whatsapp/status');
    box.append(h('p', { 'data-testid': 'whatsapp-state' }, t('admin.whatsapp.state', { state: status.state })));
    if (status.qrWaiting) box.append(h('p', {}, t('admin.whatsapp.scan')), h('img', { class: 'qr', src: `${API}/whatsapp/qr?at=${Date.now()}`, alt: 'QR' }));
  } catch (error) {
    box.append(h('p', { 'data-testid': 'whatsapp-state' }, error.code === 'loker:route-not-found' ? t('admin.whatsapp.off') : error.message));
  }
}

// ---------------------------------------------------------------- the page

const VIEWS = {
  vacancies: { view: vacanciesView },
  review: { view: reviewView, staff: true },
  reports: { view: reportsView, staff: true },
  import: { view: importView },
  companies: { view: companiesView },
  broadcasts: { view: broadcastsView, staff: true },
  training: { view: trainingView, staff: true },
  statistics: { view: statisticsView, staff: true },
  tokens: { view: tokensView, admin: true },
  whatsapp: { view: whatsappView, admin: true },
};

function allowed(name) {
  const v = VIEWS[name];
  return Boolean(v) && (!v.staff || state.me.role !== 'company') && (!v.admin || state.me.role === 'admin');
}

async function show() {
  const name = allowed(location.hash.slice(1)) ? location.hash.slice(1) : 'vacancies';
  for (const chart of state.charts.splice(0)) chart.destroy();
  const view = document.getElementById('view');
  view.replaceChildren();
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.view === name);
  try {
    await VIEWS[name].view(view);
  } catch (error) {
    view.append(errorLine(error));
  }
}

function renderChrome() {
  document.documentElement.lang = state.locale;
  document.getElementById('nav').replaceChildren(...Object.keys(VIEWS).filter(allowed).map((name) => h('a', { href: `#${name}`, 'data-view': name }, t(`admin.nav.${name}`))));
  document.getElementById('who').textContent = `${state.me.label} (${state.me.role})`;
  document.getElementById('lang').textContent = state.locale === 'id' ? 'English' : 'Bahasa Indonesia';
  document.getElementById('logout').textContent = t('admin.logout');
}

async function start() {
  state.texts = await (await fetch('/admin/i18n.json', { credentials: 'same-origin' })).json();
  state.me = await api('/me');
  document.getElementById('lang').addEventListener('click', () => {
    state.locale = state.locale === 'id' ? 'en' : 'id';
    localStorage.setItem('lokerbot-admin-locale', state.locale);
    renderChrome();
    void show();
  });
  window.addEventListener('hashchange', () => void show());
  renderChrome();
  await show();
}

void start();
