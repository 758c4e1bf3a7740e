//! Recording security events in the audit log.

use crate::web::AppState;
use chrono::Utc;
use store::audit::Event;

/// Appends an event. A failure is logged and returned: the caller decides
/// whether the action may go on without its record.
pub async fn record(state: &AppState, event: Event) -> Result<(), store::StoreError> {
    let name = event.event;
    store::audit::append(&state.db, event, Utc::now())
        .await
        .inspect_err(|error| tracing::error!(%error, event = name, "audit log write failed"))
}
