//! The receipt page a form post without JavaScript lands on. It shows the
//! receipt only on the device that sent the idea: the participant cookie
//! must belong to the idea's participant.

use crate::components::page::ErrorContent;

use crate::components::page::loaded;

use crate::components::form_feedback::DoneNotice;
use crate::components::page::set_status;
use crate::components::receipt::{Receipt, ReceiptView};
use crate::errors::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[server(endpoint = "receipt")]
pub async fn receipt_data(idea_id: i64, duplicate: bool) -> Result<Option<ReceiptView>, AppError> {
    crate::web::access::require("/api/receipt", None)?;
    let state = crate::web::state();
    let Some(code) = crate::web::request::participant_code() else {
        return Ok(None);
    };
    crate::web::security::no_store();
    let hash = code.lookup_hash();
    let Some(idea) = store::idea::own_by_id(&state.db, idea_id, &hash).await? else {
        return Ok(None);
    };
    Ok(Some(
        crate::round::status::receipt(&state, idea, &code, duplicate).await?,
    ))
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let id =
        use_params_map().with_untracked(|p| domain::bounded::optional_id(p.get("id").as_deref()));
    let duplicate = use_query_map().with_untracked(|q| q.get("opnieuw").is_some());
    let Some(id) = id else {
        return view! { <ErrorContent error=AppError::NotFound/> }.into_any();
    };
    view! {
        <Title text=i18n.t("receipt.title")/>
        {loaded(receipt_data(id, duplicate), move |data| match data {
                Ok(Some(receipt)) => view! { <DoneNotice/> <Receipt receipt heading_level=1/> }.into_any(),
                Ok(None) => {
                    set_status(404);
                    view! {
                        <h1>{i18n.t("receipt.not_here_title")}</h1>
                        <p>{i18n.t("receipt.not_here")}</p>
                        <p><a class="button" href="/mijn">{i18n.t("receipt.my_contributions")}</a></p>
                    }
                    .into_any()
                }
                Err(error) => view! { <ErrorContent error/> }.into_any(),
            })}
    }
    .into_any()
}
