//! Downloads per round: ideas, clusters, plan items, reactions (counted)
//! and progress, each as CSV (RFC 4180, UTF-8 with a byte-order mark so
//! spreadsheets read the accents) or JSON. The columns are the records'
//! own (`Record::COLUMNS`); the export page explains each one.

use super::records::Record;
use crate::web::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::csv;

/// The export files of a round: name (without extension) and columns.
pub const FILES: &[(&str, &[&str])] = &[
    ("ideeen", super::records::Idea::COLUMNS),
    ("clusters", super::records::Cluster::COLUMNS),
    ("plan", super::records::PlanItem::COLUMNS),
    ("reacties", super::records::ReactionCount::COLUMNS),
    ("voortgang", super::records::ProgressUpdate::COLUMNS),
];

pub const PATH: &str = "/ronde/{slug}/export/{file}";

/// The whole file as CSV: a header line of the columns, then a line per
/// record.
pub fn to_csv<T: Record>(records: &[T]) -> String {
    let header: Vec<csv::Cell> = T::COLUMNS.iter().map(|c| csv::Cell::from(*c)).collect();
    let mut out = String::from("\u{feff}");
    out.push_str(&csv::line(&header));
    for record in records {
        out.push_str(&csv::line(&record.cells()));
    }
    out
}

fn file<T: Record>(
    headers: &HeaderMap,
    round: &str,
    name: &str,
    csv_wanted: bool,
    records: Vec<T>,
) -> Response {
    let mut response = if csv_wanted {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            )],
            to_csv(&records),
        )
            .into_response()
    } else {
        super::api::cached_json(headers, &records)
    };
    let extension = if csv_wanted { "csv" } else { "json" };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{round}-{name}.{extension}\""
    )) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((slug, file_name)): Path<(String, String)>,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Niet gevonden. Not found.").into_response();
    let Some((name, csv_wanted)) = file_name
        .strip_suffix(".csv")
        .map(|n| (n, true))
        .or_else(|| file_name.strip_suffix(".json").map(|n| (n, false)))
    else {
        return not_found();
    };
    let round = match store::open_data::round(&state.db, &slug).await {
        Ok(Some(round)) => round,
        Ok(None) => return not_found(),
        Err(e) => return unavailable(e),
    };
    let answer = match name {
        "ideeen" => super::records::ideas(&state, round.id, 0, None)
            .await
            .map(|(ideas, _)| file(&headers, &slug, name, csv_wanted, ideas)),
        "clusters" => super::records::clusters(&state, round.id)
            .await
            .map(|c| file(&headers, &slug, name, csv_wanted, c)),
        "plan" => super::records::plan_items(&state, round.id)
            .await
            .map(|i| file(&headers, &slug, name, csv_wanted, i)),
        "reacties" => super::records::reaction_counts(&state, round.id)
            .await
            .map(|r| file(&headers, &slug, name, csv_wanted, r)),
        "voortgang" => super::records::progress(&state, Some(round.id), None)
            .await
            .map(|p| file(&headers, &slug, name, csv_wanted, p)),
        _ => return not_found(),
    };
    answer.unwrap_or_else(unavailable)
}

fn unavailable(e: store::StoreError) -> Response {
    tracing::error!(error = %e, "storage failed while exporting");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "De database gaf geen antwoord. The database did not answer.",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::open_data::records::{Cluster, ProgressUpdate};

    #[test]
    fn csv_has_the_documented_columns_and_guards_formulas() {
        let clusters = vec![Cluster {
            id: 7,
            title: "=HYPERLINK(\"x\")".into(),
            summary: "Twee, met een komma\nen een regel".into(),
            ideas: 3,
            plan_items: vec![1, 4],
            left_out_reason: None,
        }];
        let text = to_csv(&clusters);
        assert!(text.starts_with('\u{feff}'));
        let mut lines = text.trim_start_matches('\u{feff}').split("\r\n");
        assert_eq!(
            lines.next(),
            Some("id,title,summary,ideas,plan_items,left_out_reason")
        );
        assert_eq!(
            lines.next(),
            Some("7,\"'=HYPERLINK(\"\"x\"\")\",\"Twee, met een komma\nen een regel\",3,1 4,")
        );
    }

    #[test]
    fn every_record_has_as_many_cells_as_columns() {
        let update = ProgressUpdate {
            id: 1,
            item: 2,
            status: "done".into(),
            note: "Klaar".into(),
            date: "2026-12-01".into(),
        };
        assert_eq!(update.cells().len(), ProgressUpdate::COLUMNS.len());
        // The JSON keys are the CSV columns, in the same order.
        let json = serde_json::to_value(&update).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut columns = ProgressUpdate::COLUMNS.to_vec();
        columns.sort_unstable();
        let mut keys = keys.clone();
        keys.sort_unstable();
        assert_eq!(keys, columns);
    }
}
