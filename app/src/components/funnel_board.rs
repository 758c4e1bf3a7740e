//! The funnelling workspace with JavaScript: keyboard shortcuts, dragging
//! ideas onto a theme, and changes without a full page load. Every change
//! still goes through the workspace's own forms. The island posts them, puts
//! the page the server answers in place of the old one and reads out what
//! happened in a live region that stays put. Markup and translations exist
//! once, on the server; without JavaScript the same forms post the normal
//! way.
//!
//! Its browser code is built only into the staff bundle
//! (`staff-islands`), which only the workspace loads: resident pages keep
//! their small one.

use leptos::prelude::*;

#[island]
pub fn FunnelBoard(children: Children) -> impl IntoView {
    // The page is already there when an island wakes up. One listener for
    // all the board's events keeps the browser build small.
    #[cfg(feature = "staff-islands")]
    browser::listen();
    view! {
        <div class="funnel-board">
            <div data-board-content="">{children()}</div>
            // Outside the replaced part: a live region must stay in the page
            // for screen readers to read out its changes.
            <p class="visually-hidden" role="status" data-announce=""></p>
        </div>
    }
}

#[cfg(feature = "staff-islands")]
mod browser {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Document, DomParser, DragEvent, Element, Event, FormData, HtmlElement, HtmlFormElement,
        HtmlInputElement, HtmlSelectElement, KeyboardEvent, RequestInit, Response, SubmitEvent,
        SupportedType, UrlSearchParams,
    };

    const MOVE_FORM: &str = "form#verplaats";
    /// The part of the workspace replaced after a change.
    const CONTENT: &str = "[data-board-content]";
    const CHECKBOXES: &str = "input[name=idea][form=verplaats]";

    const EVENTS: [&str; 7] = [
        "submit",
        "keydown",
        "dragstart",
        "dragover",
        "dragleave",
        "drop",
        "dragend",
    ];

    pub fn listen() {
        let Some(board) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".funnel-board").ok().flatten())
        else {
            return;
        };
        prepare(&board);
        let handler = Closure::<dyn Fn(Event)>::new(|ev: Event| match ev.type_().as_str() {
            "submit" => submit(ev.unchecked_into()),
            "keydown" => key(ev.unchecked_into()),
            "dragstart" => drag_start(ev.unchecked_into()),
            "dragover" => drag_over(ev.unchecked_into(), true),
            "dragleave" => drag_over(ev.unchecked_into(), false),
            "drop" => drop(ev.unchecked_into()),
            "dragend" => drag_end(ev.unchecked_into()),
            _ => {}
        });
        for event in EVENTS {
            let _ = board.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        }
        // The board stays for the life of the page, and so does its listener.
        handler.forget();
    }

    /// Shows what only works with JavaScript and makes ideas draggable;
    /// again after every change, as the content is new then.
    pub fn prepare(board: &Element) {
        if let Ok(list) = board.query_selector_all("[data-needs-script]") {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.remove_attribute("hidden");
                }
            }
        }
        for checkbox in checkboxes(board) {
            if let Some(item) = checkbox.closest(".funnel-idea").ok().flatten() {
                let _ = item.set_attribute("draggable", "true");
            }
        }
    }

    fn checkboxes(board: &Element) -> Vec<HtmlInputElement> {
        let Ok(list) = board.query_selector_all(CHECKBOXES) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<HtmlInputElement>().ok())
            .collect()
    }

    fn board_of(target: Option<web_sys::EventTarget>) -> Option<Element> {
        target?
            .dyn_into::<Element>()
            .ok()?
            .closest(".funnel-board")
            .ok()?
    }

    fn announce(board: &Element, text: &str) {
        if let Ok(Some(region)) = board.query_selector("[data-announce]") {
            // The same text twice in a row is read out only if it changes.
            region.set_text_content(Some(""));
            region.set_text_content(Some(text.trim()));
        }
    }

    fn move_form(board: &Element) -> Option<HtmlFormElement> {
        board.query_selector(MOVE_FORM).ok()??.dyn_into().ok()
    }

    /// Sets where the chosen ideas go; false when the page has no such
    /// choice.
    fn choose(form: &HtmlFormElement, destination: &str) -> bool {
        let Some(select) = form
            .query_selector("select[name=destination]")
            .ok()
            .flatten()
            .and_then(|s| s.dyn_into::<HtmlSelectElement>().ok())
        else {
            return false;
        };
        select.set_value(destination);
        select.value() == destination
    }

    /// Opens the move form's details and puts focus in one of its fields,
    /// for a choice that needs a title first.
    fn ask(form: &HtmlFormElement, field: &str) {
        if let Ok(Some(details)) = form.query_selector("details") {
            let _ = details.set_attribute("open", "");
        }
        focus(form, field);
    }

    fn focus(form: &HtmlFormElement, field: &str) {
        if let Some(input) = form
            .query_selector(field)
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    }

    /// The ideas that are ticked; when none is and focus is on an idea, that
    /// idea.
    fn ensure_chosen(board: &Element, focused: Option<&HtmlInputElement>) -> bool {
        let boxes = checkboxes(board);
        if boxes.iter().any(HtmlInputElement::checked) {
            return true;
        }
        match focused {
            Some(checkbox) => {
                checkbox.set_checked(true);
                true
            }
            None => {
                let message = board
                    .query_selector("[data-choose-first]")
                    .ok()
                    .flatten()
                    .and_then(|el| el.get_attribute("data-choose-first"))
                    .unwrap_or_default();
                announce(board, &message);
                false
            }
        }
    }

    pub fn key(ev: KeyboardEvent) {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.default_prevented() {
            return;
        }
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        // Typing in a field is typing, not a shortcut.
        let focused = target.dyn_ref::<HtmlInputElement>().cloned();
        let in_field = match &focused {
            Some(input) => input.type_() != "checkbox",
            None => matches!(target.tag_name().as_str(), "TEXTAREA" | "SELECT"),
        };
        if in_field || target.closest("[contenteditable]").ok().flatten().is_some() {
            return;
        }
        let focused = focused.filter(|input| input.matches(CHECKBOXES).unwrap_or(false));
        let Some(board) = target.closest(".funnel-board").ok().flatten() else {
            return;
        };
        let Some(form) = move_form(&board) else {
            return;
        };
        let key = ev.key();
        match key.as_str() {
            "j" | "k" => {
                ev.prevent_default();
                step(&board, focused.as_ref(), if key == "j" { 1 } else { -1 });
            }
            "n" | "a" => {
                ev.prevent_default();
                if ensure_chosen(&board, focused.as_ref()) {
                    if key == "n" {
                        choose(&form, "new");
                        ask(&form, "input[name=title]");
                    } else {
                        // The reasons are in the list: focus on the first.
                        choose(&form, "aside:out_of_scope");
                        focus(&form, "select[name=destination]");
                    }
                }
            }
            "u" => {
                ev.prevent_default();
                if ensure_chosen(&board, focused.as_ref()) && choose(&form, "unplaced") {
                    let _ = form.request_submit();
                }
            }
            digit
                if digit.len() == 1
                    && ('1'..='9').contains(&digit.chars().next().unwrap_or('0')) =>
            {
                let Some(cluster) = form
                    .query_selector(
                        &["optgroup[data-themes] option:nth-child(", digit, ")"].concat(),
                    )
                    .ok()
                    .flatten()
                    .and_then(|o| o.get_attribute("value"))
                else {
                    return;
                };
                ev.prevent_default();
                if ensure_chosen(&board, focused.as_ref()) && choose(&form, &cluster) {
                    let _ = form.request_submit();
                }
            }
            _ => {}
        }
    }

    /// Focus to the next or previous idea.
    fn step(board: &Element, from: Option<&HtmlInputElement>, by: i32) {
        let boxes = checkboxes(board);
        let at = from.and_then(|f| boxes.iter().position(|b| b == f));
        let next = match at {
            Some(at) => at as i32 + by,
            None if by > 0 => 0,
            None => boxes.len() as i32 - 1,
        };
        if let Some(checkbox) = usize::try_from(next).ok().and_then(|n| boxes.get(n)) {
            let _ = checkbox.focus();
        }
    }

    fn item_checkbox(target: Option<web_sys::EventTarget>) -> Option<HtmlInputElement> {
        target?
            .dyn_into::<Element>()
            .ok()?
            .closest(".funnel-idea")
            .ok()??
            .query_selector(CHECKBOXES)
            .ok()??
            .dyn_into()
            .ok()
    }

    pub fn drag_start(ev: DragEvent) {
        let Some(board) = board_of(ev.target()) else {
            return;
        };
        let Some(checkbox) = item_checkbox(ev.target()) else {
            return;
        };
        // Dragging an idea that is not ticked moves that idea alone.
        if !checkbox.checked() {
            for other in checkboxes(&board) {
                other.set_checked(false);
            }
            checkbox.set_checked(true);
        }
        if let Some(data) = ev.data_transfer() {
            let _ = data.set_data("text/plain", &checkbox.value());
            data.set_effect_allowed("move");
        }
        let _ = board.class_list().add_1("dragging");
    }

    fn drop_zone(ev: &DragEvent) -> Option<Element> {
        ev.target()?
            .dyn_into::<Element>()
            .ok()?
            .closest("[data-drop]")
            .ok()?
    }

    pub fn drag_over(ev: DragEvent, over: bool) {
        let Some(zone) = drop_zone(&ev) else {
            return;
        };
        if over {
            ev.prevent_default();
            let _ = zone.class_list().add_1("drop-over");
        } else {
            let _ = zone.class_list().remove_1("drop-over");
        }
    }

    pub fn drop(ev: DragEvent) {
        let (Some(zone), Some(board)) = (drop_zone(&ev), board_of(ev.target())) else {
            return;
        };
        ev.prevent_default();
        let _ = zone.class_list().remove_1("drop-over");
        let (Some(destination), Some(form)) = (zone.get_attribute("data-drop"), move_form(&board))
        else {
            return;
        };
        if choose(&form, &destination) {
            let _ = form.request_submit();
        }
    }

    pub fn drag_end(ev: DragEvent) {
        if let Some(board) = board_of(ev.target()) {
            let _ = board.class_list().remove_1("dragging");
        }
    }

    /// Where focus goes after a change: the first idea after the focused
    /// one that stays where it was, else the focused idea in its new place.
    fn focus_plan(board: &Element) -> Vec<String> {
        let Some(active) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
        else {
            return Vec::new();
        };
        let boxes = checkboxes(board);
        let Some(at) = boxes
            .iter()
            .position(|b| AsRef::<Element>::as_ref(b) == &active)
        else {
            return vec![active.id()]
                .into_iter()
                .filter(|id| !id.is_empty())
                .collect();
        };
        let mut plan: Vec<String> = boxes[at + 1..]
            .iter()
            .filter(|b| !b.checked())
            .take(1)
            .map(|b| b.id())
            .collect();
        plan.push(active.id());
        plan
    }

    pub fn submit(ev: SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(board) = board_of(ev.target()) else {
            return;
        };
        if !form
            .get_attribute("action")
            .is_some_and(|a| a.ends_with("/trechter"))
        {
            return;
        }
        ev.prevent_default();
        if board.has_attribute("aria-busy") {
            return;
        }
        let _ = board.set_attribute("aria-busy", "true");
        let plan = focus_plan(&board);
        wasm_bindgen_futures::spawn_local(async move {
            let answered = send(&form).await;
            let _ = board.remove_attribute("aria-busy");
            match answered.and_then(|(url, html)| swap(&board, &html).map(|()| url)) {
                Some(url) => {
                    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
                    }
                    prepare(&board);
                    settle_focus(&board, &plan);
                }
                // Let the browser post it the normal way and show the answer.
                None => {
                    let _ = form.submit();
                }
            }
        });
    }

    /// Posts the form; the address the answer came from (after the
    /// redirect) and the page.
    async fn send(form: &HtmlFormElement) -> Option<(String, String)> {
        let data = FormData::new_with_form(form).ok()?;
        let body = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from(body));
        // Not `form.action()`: the workspace's forms have a field named
        // "action", which the DOM returns in place of the address.
        let to = form.get_attribute("action")?;
        let window = web_sys::window()?;
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(&to, &init))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        let html = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        Some((response.url(), html))
    }

    /// Puts the new workspace in place of the old one and reads out the
    /// outcome; `None` when the answer is not the workspace (an error page).
    fn swap(board: &Element, html: &str) -> Option<()> {
        let page: Document = DomParser::new()
            .ok()?
            .parse_from_string(html, SupportedType::TextHtml)
            .ok()?;
        let fresh = page.query_selector(CONTENT).ok()??;
        let content = board.query_selector(CONTENT).ok()??;
        content.set_inner_html(&fresh.inner_html());
        let said: Vec<String> = [".error-summary", ".notice.done", ".funnel-counts"]
            .iter()
            .filter_map(|s| content.query_selector(s).ok().flatten())
            .filter_map(|el| el.dyn_into::<HtmlElement>().ok())
            // As shown: a heading and the list under it stay apart.
            .map(|el| el.inner_text())
            .collect();
        announce(board, &said.join(" "));
        Some(())
    }

    fn settle_focus(board: &Element, plan: &[String]) {
        let target = board
            .query_selector(".error-summary")
            .ok()
            .flatten()
            .or_else(|| {
                plan.iter()
                    .filter(|id| !id.is_empty())
                    .find_map(|id| board.owner_document()?.get_element_by_id(id))
            })
            .or_else(|| board.query_selector(".notice.done").ok().flatten());
        if let Some(el) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }
}
