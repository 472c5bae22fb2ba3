(function () {
  'use strict';
  var catalog = JSON.parse(document.getElementById('catalog').textContent);
  var query = new URLSearchParams(window.location.search);
  var RESERVED = ['action', 'version', 'run', 'token'];
  var $ = function (id) { return document.getElementById(id); };
  var current = null;

  function versionDoc() {
    return catalog.filter(function (v) { return v.version === $('version').value; })[0] || catalog[0];
  }

  function actionsOf(doc) {
    var all = [];
    doc.services.forEach(function (s) { s.actions.forEach(function (a) { all.push(a); }); });
    return all;
  }

  function fillVersions() {
    catalog.forEach(function (v) { $('version').add(new Option(v.version, v.version)); });
    if (query.get('version')) { $('version').value = query.get('version'); }
  }

  function fillActions(preferred) {
    var select = $('action');
    select.innerHTML = '';
    versionDoc().services.forEach(function (service) {
      var group = document.createElement('optgroup');
      group.label = service.service;
      service.actions.forEach(function (a) { group.appendChild(new Option(a.service + '.' + a.action, a.service + '.' + a.action)); });
      select.appendChild(group);
    });
    if (preferred) {
      var wanted = preferred.replace('/', '.');
      actionsOf(versionDoc()).forEach(function (a) {
        if ([a.action].concat(a.aliases || []).some(function (n) { return a.service + '.' + n === wanted; })) {
          select.value = a.service + '.' + a.action;
        }
      });
    }
    showAction();
  }

  function hint(p) {
    var parts = [p.format ? p.type + ', ' + p.format : (p.type || 'any')];
    if (p.min_length != null && p.max_length != null) { parts.push('length ' + p.min_length + '–' + p.max_length); }
    else if (p.max_length != null) { parts.push('at most ' + p.max_length + ' characters'); }
    else if (p.min_length != null) { parts.push('at least ' + p.min_length + ' characters'); }
    if (p.min_items != null) { parts.push('at least ' + p.min_items + ' items'); }
    if (p.max_items != null) { parts.push('at most ' + p.max_items + ' items'); }
    if (p.minimum != null) { parts.push('≥ ' + p.minimum); }
    if (p.maximum != null) { parts.push('≤ ' + p.maximum); }
    if (p.exclusive_minimum != null) { parts.push('> ' + p.exclusive_minimum); }
    if (p.exclusive_maximum != null) { parts.push('< ' + p.exclusive_maximum); }
    if (p.pattern && !(p.allowed_values || []).length) { parts.push('matches ' + p.pattern); }
    return parts.join('; ');
  }

  function input(p) {
    var field;
    if ((p.allowed_values || []).length || p.type === 'boolean') {
      field = document.createElement('select');
      field.add(new Option('(not sent)', ''));
      (p.type === 'boolean' ? ['true', 'false'] : p.allowed_values).forEach(function (v) { field.add(new Option(v, v)); });
    } else if (p.type === 'array' || p.type === 'object' || !p.type) {
      field = document.createElement('textarea');
      field.placeholder = p.type === 'array' ? '["…"]' : 'JSON';
    } else {
      field = document.createElement('input');
      field.type = p.type === 'integer' || p.type === 'number' ? 'number'
        : p.format === 'date' ? 'date' : p.format === 'email' ? 'email' : 'text';
      if (p.type === 'integer') { field.step = '1'; }
      if (p.minimum != null) { field.min = p.minimum; }
      if (p.maximum != null) { field.max = p.maximum; }
    }
    field.id = 'param-' + p.name;
    field.name = p.name;
    field.dataset.type = p.type || '';
    if (p.required) { field.setAttribute('aria-required', 'true'); }
    if (query.has(p.name) && RESERVED.indexOf(p.name) < 0) { field.value = query.get(p.name); }
    return field;
  }

  function showAction() {
    var key = $('action').value;
    current = actionsOf(versionDoc()).filter(function (a) { return a.service + '.' + a.action === key; })[0];
    var form = $('params');
    form.innerHTML = '';
    if (!current) { $('about').textContent = 'This version has no actions.'; return; }
    var auth = current.auth.login_required
      ? 'login' + (current.auth.all_of.length ? ', all of ' + current.auth.all_of.join(' ') : '')
        + (current.auth.any_of.length ? ', any of ' + current.auth.any_of.join(' | ') : '')
      : 'public';
    $('about').innerHTML = '';
    var badge = document.createElement('span');
    badge.className = 'badge' + (current.auth.login_required ? ' login' : '');
    badge.textContent = auth;
    $('about').appendChild(badge);
    $('about').appendChild(document.createTextNode(' ' + current.handler
      + (current.aliases.length ? ' · also: ' + current.aliases.join(', ') : '')
      + (current.body === 'free-form' ? ' · free-form parameters: use the JSON box below' : '')));
    current.params.forEach(function (p) {
      var label = document.createElement('label');
      label.htmlFor = 'param-' + p.name;
      label.textContent = p.name;
      if (p.required) { var star = document.createElement('span'); star.className = 'req'; star.textContent = '*'; star.title = 'required'; label.appendChild(star); }
      var small = document.createElement('span');
      small.className = 'hint';
      small.textContent = ' ' + hint(p) + (p.description ? ' — ' + p.description : '');
      label.appendChild(small);
      form.appendChild(label);
      form.appendChild(input(p));
    });
  }

  function value(field) {
    var raw = field.value;
    switch (field.dataset.type) {
      case 'integer': case 'number': return raw.trim() !== '' && !isNaN(Number(raw)) ? Number(raw) : raw;
      case 'boolean': return raw === 'true';
      case 'array': case 'object': case '': return JSON.parse(raw);
      default: return raw;
    }
  }

  function body() {
    var data = { service: current.service, action: current.action };
    var fields = $('params').elements;
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value !== '') { data[fields[i].name] = value(fields[i]); }
    }
    var extra = $('extra').value.trim();
    if (extra) { Object.assign(data, JSON.parse(extra)); }
    return data;
  }

  // A link runs nothing with the user's token: it may run a public action anonymously (anonymous = true);
  // only the user's click on Send uses the token.
  function send(anonymous) {
    $('error').textContent = '';
    $('notice').textContent = '';
    if (!current) { return; }
    var data;
    try { data = body(); } catch (e) { $('error').textContent = 'Not valid JSON: ' + e.message; return; }
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    var token = anonymous ? '' : $('bearer').value.trim();
    if (token) { headers.Authorization = 'Bearer ' + token; }
    if (!anonymous) {
      try { sessionStorage.setItem('moonlight.bearer', token); } catch (e) { /* storage may be off */ }
    }
    $('request').textContent = 'POST ' + versionDoc().endpoint + '\n' + JSON.stringify(data, null, 2);
    $('status').textContent = '…';
    $('status').className = '';
    fetch(versionDoc().endpoint, { method: 'POST', headers: headers, body: JSON.stringify(data) })
      .then(function (res) {
        return res.text().then(function (text) {
          $('status').textContent = String(res.status);
          $('status').className = res.ok ? 'ok' : 'fail';
          try { $('response').textContent = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { $('response').textContent = text; }
        });
      })
      .catch(function (e) { $('status').textContent = 'no answer'; $('status').className = 'fail'; $('response').textContent = String(e); });
  }

  if (query.get('token')) { $('openapi').href = '/docs/openapi.json?token=' + encodeURIComponent(query.get('token')); }
  try { $('bearer').value = sessionStorage.getItem('moonlight.bearer') || ''; } catch (e) { /* storage may be off */ }
  fillVersions();
  fillActions(query.get('action'));
  $('version').addEventListener('change', function () { fillActions(null); });
  $('action').addEventListener('change', showAction);
  $('send').addEventListener('click', function () { send(false); });
  if ((query.get('run') === '1' || query.get('run') === 'true') && current) {
    if (!current.auth.login_required) {
      send(true);
    } else {
      $('notice').textContent = 'This link filled in ' + current.service + '.' + current.action
        + ' but did not run it: it needs a login, so it runs only when you press Send.';
      $('send').focus();
    }
  }
})();
