/* The page's chat: starts Web Chat in the element #chat with the settings in its data attributes.
 * Embedded mode (default): a Web Chat `directLine` object that talks to this server's /api/webchat routes.
 * Production mode: a Direct Line token from /api/directline/token, then Web Chat's own Direct Line client.
 * Served as a file (the Content-Security-Policy forbids inline scripts). */
/* global window, document, fetch */
(function () {
  'use strict';

  var CONNECTING = 1;
  var ONLINE = 2;
  var FAILED = 4;
  var ENDED = 5;

  /* The smallest observable Web Chat accepts: subscribe(observer | next, error, complete) -> subscription. */
  function Observable(start) {
    this.subscribe = function (observerOrNext, error, complete) {
      var observer =
        typeof observerOrNext === 'function'
          ? { next: observerOrNext, error: error, complete: complete }
          : observerOrNext || {};
      var closed = false;
      var safe = {
        next: function (v) { if (!closed && observer.next) observer.next(v); },
        error: function (e) { if (!closed && observer.error) observer.error(e); closed = true; },
        complete: function () { if (!closed && observer.complete) observer.complete(); closed = true; },
      };
      var teardown = start(safe);
      return {
        get closed() { return closed; },
        unsubscribe: function () {
          closed = true;
          if (typeof teardown === 'function') teardown();
        },
      };
    };
  }

  function postJson(path, body, token) {
    var headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch(path, {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  /* Web Chat's DirectLineJS contract against this server: the server issues every id and timestamp. */
  function createEmbeddedDirectLine(locale, onFailure) {
    var status = 0;
    var statusObservers = [];
    var activityObservers = [];
    // Every subscriber gets the whole conversation so far: Web Chat subscribes once to start the
    // connection and again, later, to read the activities.
    var history = [];
    var session = null;
    var connecting = null;

    function setStatus(next) {
      status = next;
      statusObservers.forEach(function (o) { o.next(next); });
    }

    function emit(activity) {
      history.push(activity);
      activityObservers.forEach(function (o) { o.next(activity); });
    }

    function connect() {
      if (connecting) return connecting;
      setStatus(CONNECTING);
      connecting = postJson('/api/webchat/conversations', { locale: locale }).then(
        function (started) {
          session = started;
          setStatus(ONLINE);
          started.activities.forEach(emit);
          return started;
        },
        function (error) {
          setStatus(FAILED);
          onFailure(error);
          throw error;
        },
      );
      return connecting;
    }

    return {
      userId: function () { return session && session.userId; },
      connect: connect,
      connectionStatus$: new Observable(function (observer) {
        statusObservers.push(observer);
        observer.next(status);
        connect().catch(function () {});
        return function () { statusObservers = statusObservers.filter(function (o) { return o !== observer; }); };
      }),
      activity$: new Observable(function (observer) {
        history.forEach(function (a) { observer.next(a); });
        activityObservers.push(observer);
        connect().catch(function () {});
        return function () { activityObservers = activityObservers.filter(function (o) { return o !== observer; }); };
      }),
      postActivity: function (activity) {
        return new Observable(function (observer) {
          // Only messages mean anything to the assistant; typing and events are acknowledged locally.
          if (activity.type !== 'message') {
            observer.next('local-' + Date.now());
            observer.complete();
            return undefined;
          }
          connect()
            .then(function (started) {
              return postJson(
                '/api/webchat/activities',
                { type: 'message', text: activity.text, value: activity.value, locale: activity.locale },
                started.token,
              ).then(function (result) {
                // The echo tells Web Chat the message was delivered (matched by channelData.clientActivityID).
                emit(Object.assign({}, activity, {
                  id: result.id,
                  timestamp: result.timestamp,
                  from: { id: started.userId, role: 'user' },
                  conversation: { id: started.conversationId },
                }));
                result.activities.forEach(emit);
                observer.next(result.id);
                observer.complete();
              });
            })
            .catch(function (error) { observer.error(error); });
          return undefined;
        });
      },
      end: function () {
        setStatus(ENDED);
        statusObservers.forEach(function (o) { o.complete(); });
        activityObservers.forEach(function (o) { o.complete(); });
      },
    };
  }

  function styleOptions() {
    return {
      accent: '#26374A',
      primaryFont: '"Lato", "Noto Sans", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
      backgroundColor: '#FFFFFF',
      bubbleBackground: '#F1F2F3',
      bubbleTextColor: '#1F1F1F',
      bubbleBorderColor: '#C9CCD0',
      bubbleBorderWidth: 1,
      bubbleFromUserBackground: '#26374A',
      bubbleFromUserTextColor: '#FFFFFF',
      bubbleFromUserBorderColor: '#26374A',
      subtle: '#545454',
      timestampColor: '#545454',
      sendBoxBackground: '#FFFFFF',
      sendBoxTextColor: '#1F1F1F',
      sendBoxButtonColor: '#26374A',
      sendBoxBorderTop: 'solid 1px #6F6F6F',
      sendBoxPlaceholderColor: '#595959',
      suggestedActionBackgroundColor: '#FFFFFF',
      suggestedActionTextColor: '#284162',
      suggestedActionBorderColor: '#284162',
      suggestedActionLayout: 'flow',
      hideUploadButton: true,
      botAvatarInitials: 'IAG',
      userAvatarInitials: '',
      transcriptVisualKeyboardIndicatorColor: '#0535D2',
      transcriptVisualKeyboardIndicatorWidth: 3,
      rootHeight: '100%',
      rootWidth: '100%',
    };
  }

  function showFailure(host, statusEl) {
    statusEl.textContent = host.getAttribute('data-unavailable');
    statusEl.hidden = false;
  }

  function start() {
    var host = document.getElementById('chat');
    var statusEl = document.getElementById('chat-status');
    if (!host || !statusEl) return;
    if (!window.WebChat) return showFailure(host, statusEl);
    var lang = host.getAttribute('data-lang') === 'fr' ? 'fr' : 'en';
    var webChatLocale = lang === 'fr' ? 'fr-FR' : 'en-US';
    var nonce = host.getAttribute('data-nonce') || undefined;
    var render = function (directLine, userID) {
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          userID: userID,
          locale: webChatLocale,
          nonce: nonce,
          styleOptions: styleOptions(),
        },
        host,
      );
      statusEl.textContent = '';
      statusEl.hidden = true;
    };

    if (host.getAttribute('data-mode') === 'directline') {
      postJson('/api/directline/token', {})
        .then(function (t) {
          // The user id is inside the token; Web Chat refuses dl_ ids given beside it.
          render(window.WebChat.createDirectLine({ token: t.token, domain: t.domain }), undefined);
        })
        .catch(function () { showFailure(host, statusEl); });
      return;
    }
    var directLine = createEmbeddedDirectLine(webChatLocale, function () { showFailure(host, statusEl); });
    // The user's id comes from the server: wait for it so Web Chat shows the user's own messages as theirs.
    directLine
      .connect()
      .then(function (started) { render(directLine, started.userId); })
      .catch(function () {});
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
