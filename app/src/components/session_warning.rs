//! Five minutes before a signed-in session ends for being idle, a warning
//! with a button that keeps it going. It needs JavaScript to know the time;
//! without it, a change sent too late is carried through signing in again
//! (`pending_change`), so nothing typed is lost either way.

use crate::i18n::use_i18n;
use domain::retention::SESSION_IDLE;
use leptos::prelude::*;

/// Any signed-in page visit counts as activity; `HEAD /account` is the
/// smallest one every role may make. Sending a form starts the count anew.
const SCRIPT: &str = r#"(() => {
  const box = document.getElementById("session-warning");
  const idle = Number(box.dataset.idleSeconds) * 1000;
  let timer;
  const arm = () => {
    box.hidden = true;
    clearTimeout(timer);
    timer = setTimeout(() => { box.hidden = false; }, idle - 5 * 60 * 1000);
  };
  box.querySelector("button").addEventListener("click", () =>
    fetch("/account", { method: "HEAD", credentials: "same-origin" }).then(arm, arm));
  document.addEventListener("submit", arm);
  arm();
})();"#;

#[component]
pub fn SessionWarning() -> impl IntoView {
    let i18n = use_i18n();
    let minutes = SESSION_IDLE.num_minutes().to_string();
    view! {
        <div class="session-warning" id="session-warning" role="alert" hidden=true
            data-idle-seconds=SESSION_IDLE.num_seconds()>
            <p>{i18n.tf("session.warning", &[("minutes", &minutes)])}</p>
            <button type="button" class="button primary">{i18n.t("session.stay")}</button>
        </div>
        <script nonce=use_nonce()>{SCRIPT}</script>
    }
}
