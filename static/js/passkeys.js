// Passkeys with the browser's own navigator.credentials. The server (the `webauthn` library)
// sends options as JSON with base64url strings; the browser wants ArrayBuffers, so we convert.
(function () {
  "use strict";

  function toBuffer(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function csrfToken() {
    var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    return headers["X-CSRFToken"] || "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var refused = new Error(data.message || "");
          refused.fromServer = true;
          throw refused;
        }
        return data;
      });
    });
  }

  function creationOptions(json) {
    json.challenge = toBuffer(json.challenge);
    json.user.id = toBuffer(json.user.id);
    (json.excludeCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return json;
  }

  function requestOptions(json) {
    json.challenge = toBuffer(json.challenge);
    (json.allowCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return json;
  }

  function registrationJSON(credential) {
    var response = credential.response;
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        attestationObject: toBase64url(response.attestationObject),
        transports: response.getTransports ? response.getTransports() : []
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    };
  }

  function authenticationJSON(credential) {
    var response = credential.response;
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        authenticatorData: toBase64url(response.authenticatorData),
        signature: toBase64url(response.signature),
        userHandle: response.userHandle ? toBase64url(response.userHandle) : null
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    };
  }

  function showError(box, message) {
    var error = box.querySelector(".error");
    error.textContent = message || "";
    error.hidden = false;
  }

  function setUp(box, run) {
    if (!window.PublicKeyCredential || !navigator.credentials) { return; }
    var button = box.querySelector("button");
    var fallback = box.querySelector(".passkey-no-script");
    if (fallback) { fallback.hidden = true; }
    box.hidden = false;
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      if (box.waiting) { box.waiting.abort(); }
      run(box).then(function (data) {
        window.location.assign(data.redirect);
      }).catch(function (error) {
        button.disabled = false;
        // The person closed the fingerprint prompt: say nothing loud, let them try again.
        // The browser's own messages are not easy read: say it in our words.
        var message = box.dataset.failed;
        if (error && error.fromServer && error.message) { message = error.message; }
        if (error && error.name === "NotAllowedError") { message = box.dataset.cancelled; }
        showError(box, message);
      });
    });
  }

  function addPasskey(box) {
    return post(box.dataset.optionsUrl).then(function (json) {
      return navigator.credentials.create({ publicKey: creationOptions(json) });
    }).then(function (credential) {
      return post(box.dataset.saveUrl, { credential: registrationJSON(credential) });
    });
  }

  function signIn(box) {
    return post(box.dataset.optionsUrl).then(function (json) {
      return navigator.credentials.get({ publicKey: requestOptions(json) });
    }).then(function (credential) {
      return post(box.dataset.signInUrl, { credential: authenticationJSON(credential) });
    });
  }

  // Offer passkeys inside the username box too (autocomplete="username webauthn"), when the
  // browser can, from the moment the box is used. Pressing the passkey button stops this first.
  function offerInUsernameBox(box) {
    var check = window.PublicKeyCredential && PublicKeyCredential.isConditionalMediationAvailable;
    var field = document.querySelector("input[autocomplete~='webauthn']");
    if (!check || !field) { return; }
    field.addEventListener("focus", function () { startOffer(box); }, { once: true });
  }

  function startOffer(box) {
    PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
      if (!available) { return; }
      box.waiting = new AbortController();
      var signal = box.waiting.signal;
      post(box.dataset.optionsUrl).then(function (json) {
        if (signal.aborted) { throw new Error("stopped"); }
        return navigator.credentials.get({
          publicKey: requestOptions(json), mediation: "conditional", signal: signal
        });
      }).then(function (credential) {
        return post(box.dataset.signInUrl, { credential: authenticationJSON(credential) });
      }).then(function (data) {
        window.location.assign(data.redirect);
      }).catch(function () { /* stopped, or the person chose a password: nothing to say */ });
    });
  }

  document.querySelectorAll("[data-passkey-add]").forEach(function (box) { setUp(box, addPasskey); });
  document.querySelectorAll("[data-passkey-sign-in]").forEach(function (box) {
    setUp(box, signIn);
    offerInUsernameBox(box);
  });
})();
