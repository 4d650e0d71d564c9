/**
 * The sandbox LMS pages: pick who you are, a course with its people and tool links, the launch
 * frame, and the page a tool returns to.
 */
import type { GradebookColumn, StoredLineItem, StoredScore } from 'ltikit';
import type { ReturnMessage } from 'ltikit/platform';
import { type Course, type Link, type Member, type Person, canEditCourse } from '../sandbox/directory.js';
import { escapeHtml, page } from './layout.js';

/** A role URI as people read it: `Instructor`, `Instructor#TeachingAssistant`. */
export function roleLabel(role: string): string {
  const hash = role.lastIndexOf('#');
  if (hash < 0) return role;
  const name = role.slice(hash + 1);
  const before = role.slice(0, hash);
  const principal = before.slice(before.lastIndexOf('/') + 1);
  return principal !== 'membership' && principal !== name ? `${principal}#${name}` : name;
}

export function renderHome(options: { sandbox: boolean; person: Person | undefined; people: Person[]; courses: Course[]; rolesByPerson: Map<string, string[]> }): Response {
  const picker = options.people
    .map((person) => {
      const roles = options.rolesByPerson.get(person.id) ?? [];
      return `<li><form method="post" action="/session"><input type="hidden" name="person" value="${escapeHtml(person.id)}"><button type="submit" data-person="${escapeHtml(person.username)}">${escapeHtml(person.name)}</button> <small>${escapeHtml(roles.join('; ') || 'no course')} · ${escapeHtml(person.email)}</small></form></li>`;
    })
    .join('');
  const courses = options.courses.map((course) => `<li><a href="/courses/${encodeURIComponent(course.id)}">${escapeHtml(course.label)}: ${escapeHtml(course.title)}</a></li>`).join('');
  return page({
    title: 'Home',
    sandbox: options.sandbox,
    signedInAs: options.person?.name,
    body: `<h1>Sandbox LMS</h1>
<div class="card"><h2>Who are you?</h2><p>${options.sandbox ? 'This is a sandbox: pick anyone, no password needed.' : 'Signed in as an administrator: pick the person to act as.'}</p><ul class="plain" id="people">${picker}</ul></div>
<div class="card"><h2>Courses</h2><ul id="courses">${courses}</ul></div>`,
  });
}

export function renderCourse(options: { sandbox: boolean; course: Course; person: Person | undefined; members: Member[]; links: Link[] }): Response {
  const { course } = options;
  const isMember = options.person !== undefined && options.members.some((member) => member.id === options.person?.id);
  const links = options.links
    .map((link) => {
      const href = `/courses/${encodeURIComponent(course.id)}/links/${encodeURIComponent(link.id)}`;
      const action = isMember
        ? `<a class="launch" href="${escapeHtml(href)}">Launch</a>`
        : '<span>pick a member below to launch</span>';
      return `<tr><td>${escapeHtml(link.title)}</td><td>${link.documentTarget === 'window' ? 'new window' : 'in the page'}</td><td>${action}</td></tr>`;
    })
    .join('');
  const tools = options.links.filter((link, index) => options.links.findIndex((other) => other.clientId === link.clientId) === index);
  const canEdit = options.members.some((member) => member.id === options.person?.id && member.roles.some(canEditCourse));
  const addContent =
    canEdit && tools.length > 0
      ? `<div class="card"><h2>Add content from a tool</h2><p>Opens the tool's content picker (Deep Linking); what you pick becomes links of this course, with gradebook columns when the tool asks for them.</p><ul id="add-content">${tools
          .map((link) => `<li><a class="add-content" href="/courses/${encodeURIComponent(course.id)}/add-content/${encodeURIComponent(link.clientId)}">Add from the tool of “${escapeHtml(link.title)}”</a></li>`)
          .join('')}</ul></div>`
      : '';
  const members = options.members
    .map((member) => {
      const next = `/courses/${encodeURIComponent(course.id)}`;
      const current = member.id === options.person?.id ? ' <b>(you)</b>' : '';
      return `<tr><td>${escapeHtml(member.name)}${current}</td><td class="roles">${escapeHtml(member.roles.map(roleLabel).join(', '))}</td><td><form method="post" action="/session"><input type="hidden" name="person" value="${escapeHtml(member.id)}"><input type="hidden" name="next" value="${escapeHtml(next)}"><button type="submit" data-person="${escapeHtml(member.username)}">Act as</button></form></td></tr>`;
    })
    .join('');
  return page({
    title: course.title,
    sandbox: options.sandbox,
    signedInAs: options.person?.name,
    body: `<h1>${escapeHtml(course.label)}: ${escapeHtml(course.title)}</h1>
<div class="card"><h2>Tool links</h2><table id="links"><tr><th>Link</th><th>Opens</th><th></th></tr>${links || '<tr><td colspan="3">No tool links yet.</td></tr>'}</table></div>
<p><a id="gradebook-link" href="/courses/${encodeURIComponent(course.id)}/gradebook">Gradebook</a></p>
${addContent}
<div class="card"><h2>People</h2><table id="members"><tr><th>Name</th><th>Roles</th><th></th></tr>${members}</table></div>`,
  });
}

export function renderLaunchFrame(options: { sandbox: boolean; course: Course; link: Link; person: Member }): Response {
  const { course, link, person } = options;
  const start = `/courses/${encodeURIComponent(course.id)}/links/${encodeURIComponent(link.id)}/start`;
  const heading = `<p><a href="/courses/${encodeURIComponent(course.id)}">← ${escapeHtml(course.label)}</a></p><h1>${escapeHtml(link.title)}</h1>
<p>Launching as <b>${escapeHtml(person.name)}</b> (${escapeHtml(person.roles.map(roleLabel).join(', '))}).</p>`;
  const body =
    link.documentTarget === 'window'
      ? `${heading}<p>This tool opens in a new window.</p><p><a class="launch-window" href="${escapeHtml(start)}" target="_blank" rel="opener">Open ${escapeHtml(link.title)}</a></p>`
      : `${heading}<iframe class="tool" id="tool-frame" title="${escapeHtml(link.title)}" src="${escapeHtml(start)}" allow="fullscreen; clipboard-write" ></iframe>`;
  return page({ title: link.title, sandbox: options.sandbox, signedInAs: person.name, body });
}

export function renderReturn(message: ReturnMessage, signedInAs: string | undefined): Response {
  const parts: string[] = [];
  if (message.lti_msg !== undefined) parts.push(`<div class="ok"><p>The tool says: <b class="lti-msg">${escapeHtml(message.lti_msg)}</b></p></div>`);
  if (message.lti_errormsg !== undefined) parts.push(`<div class="error"><p>The tool reports an error: <b class="lti-errormsg">${escapeHtml(message.lti_errormsg)}</b></p></div>`);
  if (parts.length === 0) parts.push('<p>The tool sent no message.</p>');
  // Shown where the tool was: usually inside the course page's frame, so without the hub's header.
  return page({ title: 'Back from the tool', signedInAs, frameable: true, bare: true, body: `<h1>Back from the tool</h1>${parts.join('')}<p><a href="/" target="_top">Back to the hub</a></p>` });
}

export function renderGradebook(options: { sandbox: boolean; course: Course; person: Person | undefined; members: Member[]; columns: GradebookColumn[] }): Response {
  const { course, columns } = options;
  const header = columns.map((column) => `<th>${escapeHtml(column.lineItem.label)}<br><small>out of ${escapeHtml(column.lineItem.scoreMaximum)}</small></th>`).join('');
  const rows = options.members
    .map((member) => {
      const cells = columns
        .map((column) => {
          const score = column.latestScores.find((candidate) => candidate.userId === member.id);
          if (score === undefined) return '<td>—</td>';
          const shown = score.scoreGiven === undefined ? score.gradingProgress : `${score.scoreGiven} / ${score.scoreMaximum ?? column.lineItem.scoreMaximum}`;
          const href = `/courses/${encodeURIComponent(course.id)}/gradebook/${encodeURIComponent(column.lineItem.id)}/${encodeURIComponent(member.id)}`;
          return `<td class="grade" data-person="${escapeHtml(member.username)}" data-line-item="${escapeHtml(column.lineItem.id)}"><a href="${escapeHtml(href)}">${escapeHtml(shown)}</a></td>`;
        })
        .join('');
      return `<tr><td>${escapeHtml(member.name)}</td><td>${escapeHtml(member.roles.map(roleLabel).join(', '))}</td>${cells}</tr>`;
    })
    .join('');
  return page({
    title: `Gradebook · ${course.title}`,
    sandbox: options.sandbox,
    signedInAs: options.person?.name,
    body: `<p><a href="/courses/${encodeURIComponent(course.id)}">← ${escapeHtml(course.label)}</a></p><h1>Gradebook</h1>
<p>Columns are the line items tools created or were given; grades arrive through Assignment and Grade Services. The latest score counts; click a grade for its history.</p>
<div class="card"><table id="gradebook"><tr><th>Name</th><th>Roles</th>${header}</tr>${rows}</table></div>`,
  });
}

export function renderScoreHistory(options: { sandbox: boolean; course: Course; person: Person | undefined; member: Member; lineItem: StoredLineItem; history: StoredScore[] }): Response {
  const { course, member, lineItem } = options;
  const rows = options.history
    .map(
      (score) =>
        `<tr><td>${escapeHtml(score.timestamp)}</td><td>${escapeHtml(score.scoreGiven ?? '')}${score.scoreMaximum === undefined ? '' : ` / ${escapeHtml(score.scoreMaximum)}`}</td><td>${escapeHtml(score.activityProgress)}</td><td>${escapeHtml(score.gradingProgress)}</td><td>${escapeHtml(score.comment ?? '')}</td></tr>`,
    )
    .join('');
  return page({
    title: `${lineItem.label} · ${member.name}`,
    sandbox: options.sandbox,
    signedInAs: options.person?.name,
    body: `<p><a href="/courses/${encodeURIComponent(course.id)}/gradebook">← Gradebook</a></p><h1>${escapeHtml(lineItem.label)}: ${escapeHtml(member.name)}</h1>
<div class="card"><table id="history"><tr><th>Timestamp</th><th>Score</th><th>Activity</th><th>Grading</th><th>Comment</th></tr>${rows}</table></div>`,
  });
}

export function renderAddContentFrame(options: { sandbox: boolean; course: Course; person: Person | undefined; start: string }): Response {
  const { course } = options;
  return page({
    title: 'Add content',
    sandbox: options.sandbox,
    signedInAs: options.person?.name,
    body: `<p><a href="/courses/${encodeURIComponent(course.id)}">← ${escapeHtml(course.label)}</a></p><h1>Add content to ${escapeHtml(course.label)}</h1>
<iframe class="tool" id="tool-frame" title="Content picker" src="${escapeHtml(options.start)}"></iframe>`,
  });
}

/** The end of a Deep Linking flow, shown in the picker's frame. */
export function renderPlaced(options: { courseId: string; placed: string[]; skipped: string[]; msg: string | undefined; errormsg: string | undefined }): Response {
  const parts: string[] = ['<h1>Content added</h1>'];
  if (options.msg !== undefined) parts.push(`<div class="ok"><p>The tool says: <b class="lti-msg">${escapeHtml(options.msg)}</b></p></div>`);
  if (options.errormsg !== undefined) parts.push(`<div class="error"><p>The tool reports an error: <b class="lti-errormsg">${escapeHtml(options.errormsg)}</b></p></div>`);
  parts.push(options.placed.length === 0 ? '<p>Nothing was added.</p>' : `<ul id="placed">${options.placed.map((title) => `<li>${escapeHtml(title)}</li>`).join('')}</ul>`);
  if (options.skipped.length > 0) parts.push(`<p>Not placed (only LTI links become course links): ${escapeHtml(options.skipped.join(', '))}</p>`);
  parts.push(`<p><a id="back-to-course" href="/courses/${encodeURIComponent(options.courseId)}" target="_top">Back to the course</a></p>`);
  return page({ title: 'Content added', frameable: true, bare: true, body: parts.join('') });
}
