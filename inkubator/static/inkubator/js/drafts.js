// Drafts that survive no signal (issue 17.7): a form marked data-draft="USER:FORM:OBJECT" keeps what is
// typed in it on this device (localStorage, key "inkubator:draft:" + that value) and sends it when the
// connection returns. Progressive enhancement: without JavaScript the form posts as it always did.
//
//   <form data-draft="{{ user.pk }}:visit:{{ centre.code }}" data-draft-login="{% url 'accounts:login' %}">
//     {% include "includes/draft_banner.html" with what=... %}   (the translated texts, see that file)
//
// - Every input/change is copied to the device, hidden fields included (a GPS point, the edit_version of
//   core/concurrency.py: a draft sent later must carry the version it was typed against, so that the
//   server can answer 409 when someone changed the record meanwhile). Never kept: the CSRF token (the
//   page's current one is sent) and chosen files (a browser cannot store them; they are sent if the page
//   stayed open).
// - Saving posts the form with fetch: a redirect means it was saved (the draft is removed and the browser
//   goes where the server sent it); no connection means it waits (banner "Waiting to be sent") and is
//   sent on the "online" event, on a retry timer (the phone may say online with no real signal) or when
//   the page is opened again; any other answer (409 conflict, a refused form, sign-in page) puts the
//   server's form in place of this one, so the person sees why, and keeps their values on the device.
// - htmx requests inside the form (the assessment's answer-by-answer saving) that fail for want of a
//   connection mark the draft as waiting too; the whole form is then sent when the connection returns.
// - Signing out removes the user's drafts (app.js), as does a successful send.
(function () {
  "use strict";
  var PREFIX = "inkubator:draft:";
  var SENT_NOTE = "inkubator:draft-sent";  // sessionStorage: the notes app.js shows on the next page
  var RETRY_FIRST_MS = 15000;
  var RETRY_MAX_MS = 120000;

  function store() {
    try { return window.localStorage; } catch (error) { return null; }  // storage blocked: plain form
  }

  function kept(element) {
    if (!element.name || element.disabled) { return false; }
    if (element.name === "csrfmiddlewaretoken") { return false; }
    return ["file", "submit", "button", "reset", "image"].indexOf(element.type) === -1;
  }

  // [[name, value], ...] of the form's kept fields, as the browser would send them.
  function snapshot(form) {
    var values = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element)) { return; }
      if ((element.type === "radio" || element.type === "checkbox") && !element.checked) { return; }
      if (element.type === "select-multiple") {
        Array.prototype.forEach.call(element.selectedOptions, function (option) {
          values.push([element.name, option.value]);
        });
        return;
      }
      values.push([element.name, element.value]);
    });
    return values;
  }

  function restore(form, values) {
    var byName = {};
    values.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element) || !(element.name in byName)) { return; }
      var wanted = byName[element.name];
      if (element.type === "radio" || element.type === "checkbox") {
        element.checked = wanted.indexOf(element.value) !== -1;
      } else if (element.type === "select-multiple") {
        Array.prototype.forEach.call(element.options, function (option) {
          option.selected = wanted.indexOf(option.value) !== -1;
        });
      } else if (wanted.length) {
        element.value = wanted.shift();  // repeated names fill in order
      }
    });
  }

  function Draft(form) {
    this.form = form;
    this.key = PREFIX + form.dataset.draft;
    this.banner = form.querySelector("[data-draft-banner]");
    this.sending = false;
    this.retryMs = RETRY_FIRST_MS;
    this.retryTimer = null;
    this.editsSinceRequest = 0;
    this.waited = false;  // it waited for the connection (the next page then says "Sent: …")
  }

  Draft.prototype.read = function () {
    var storage = store();
    if (!storage) { return null; }
    try { return JSON.parse(storage.getItem(this.key)); } catch (error) { return null; }
  };

  Draft.prototype.write = function (pending) {
    var storage = store();
    if (!storage) { return; }
    var record = {values: snapshot(this.form), pending: pending, saved: new Date().toISOString()};
    try { storage.setItem(this.key, JSON.stringify(record)); } catch (error) { /* storage full: nothing kept */ }
  };

  Draft.prototype.pending = function () {
    var record = this.read();
    return Boolean(record && record.pending);
  };

  Draft.prototype.forget = function () {
    var storage = store();
    if (storage) { storage.removeItem(this.key); }
  };

  // state: null (hidden), "waiting", "restored", "sending", "conflict", "refused".
  Draft.prototype.show = function (state) {
    if (!this.banner) { return; }
    if (!state) { this.banner.hidden = true; return; }
    if (state === "waiting" || state === "restored") { this.waited = true; }
    var text = this.banner.dataset[state] || "";
    var hasFiles = this.form.querySelector("input[type=file]");
    if (state === "restored" && hasFiles && this.banner.dataset.files) { text += " " + this.banner.dataset.files; }
    this.banner.textContent = text;
    this.banner.dataset.state = state;
    this.banner.classList.toggle("alert-danger", state === "conflict" || state === "refused");
    this.banner.classList.toggle("alert-warning", state !== "conflict" && state !== "refused");
    this.banner.hidden = false;
  };

  Draft.prototype.retryLater = function () {
    var self = this;
    if (this.retryTimer) { return; }
    this.retryTimer = window.setTimeout(function () {
      self.retryTimer = null;
      self.send();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  };

  Draft.prototype.send = function (submitter) {
    var self = this;
    if (this.sending || !this.pending()) { return; }
    if (navigator.onLine === false) { this.show("waiting"); return; }  // the "online" event sends it
    this.sending = true;
    this.show("sending");
    var body = submitter ? new FormData(this.form, submitter) : new FormData(this.form);
    window.fetch(this.form.action || window.location.href, {
      method: "POST", body: body, credentials: "same-origin", redirect: "follow",
    }).then(function (response) {
      var login = self.form.dataset.draftLogin;
      var signIn = login && new URL(response.url).pathname === login;
      return response.text().then(function (html) {
        if (response.redirected && response.ok && !signIn) {
          self.saved(html);
          window.location.assign(response.url);
          return;
        }
        self.answered(response.status, html);
      });
    }).catch(function () {
      // No connection (or it dropped on the way): still waiting; try again later.
      self.show("waiting");
      self.retryLater();
    }).then(function () { self.sending = false; });
  };

  // Saved: the device forgets the draft. The page the server redirected to was fetched already (and
  // rendered its one-time messages, "The visit was logged."): they are handed to the next page load
  // (app.js shows them), with "Sent: …" when the draft had to wait for the connection.
  Draft.prototype.saved = function (html) {
    this.forget();
    var notes = [];
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("#main .alert[role=alert]").forEach(function (alert) {
      var level = (alert.className.match(/\balert-(success|info|warning|danger)\b/) || [])[1] || "info";
      notes.push({level: level, text: alert.textContent.trim(), role: "alert"});
    });
    if (this.waited && this.banner) { notes.unshift({level: "success", text: this.banner.dataset.sent, role: "status", sent: true}); }
    try { window.sessionStorage.setItem(SENT_NOTE, JSON.stringify(notes)); } catch (error) { /* no notes */ }
  };

  // The server answered without saving (409 conflict, form errors, sign-in needed): its form replaces
  // this one, so the person sees why; the device keeps that form's values (and its new edit_version).
  Draft.prototype.answered = function (status, html) {
    var state = status === 409 ? "conflict" : "refused";
    var fresh = new DOMParser().parseFromString(html, "text/html")
      .querySelector("form[data-draft='" + this.form.dataset.draft + "']");
    if (fresh) {
      fresh = document.importNode(fresh, true);
      this.form.replaceWith(fresh);
      if (window.htmx) { window.htmx.process(fresh); }
      var draft = attach(fresh, true);
      draft.write(false);
      draft.show(state);
      return;
    }
    this.write(false);
    this.show(state);
  };

  Draft.prototype.listen = function () {
    var self = this;
    var form = this.form;
    // Input events count as typing since the last htmx request began (a radio's input comes before the
    // change that sends it; typing in a note while an answer is on its way comes after).
    form.addEventListener("input", function () { self.editsSinceRequest += 1; self.write(self.pending()); });
    form.addEventListener("change", function () { self.write(self.pending()); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.write(true);
      self.retryMs = RETRY_FIRST_MS;
      if (navigator.onLine === false) { self.show("waiting"); return; }
      self.send(event.submitter);
    });
    // htmx inside the form (answers saved one by one as they are chosen).
    form.addEventListener("htmx:beforeRequest", function () { self.editsSinceRequest = 0; });
    form.addEventListener("htmx:sendError", function () {
      self.write(true);
      self.show("waiting");
      self.retryLater();
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      // Saved on the server and nothing typed since, nothing waiting: the device need not keep it.
      if (event.detail.successful && !self.pending() && self.editsSinceRequest === 0) { self.forget(); }
    });
  };

  function attach(form, adopted) {
    var draft = new Draft(form);
    form.draft = draft;
    draft.listen();
    if (adopted) { return draft; }
    var record = draft.read();
    if (record && record.values) {
      restore(form, record.values);
      draft.show(record.pending ? "waiting" : "restored");
      if (record.pending) { draft.send(); }
    }
    return draft;
  }

  window.addEventListener("online", function () {
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
      if (form.draft) { form.draft.retryMs = RETRY_FIRST_MS; form.draft.send(); }
    });
  });
  window.addEventListener("offline", function () {
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
      if (form.draft && form.draft.pending()) { form.draft.show("waiting"); }
    });
  });
  document.querySelectorAll("form[data-draft]").forEach(function (form) { attach(form, false); });
})();
