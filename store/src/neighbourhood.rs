//! The municipality's neighbourhoods (wijken), for tagging ideas.

use crate::{Db, StoreError, read, write};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Neighbourhood {
    pub id: i64,
    pub name: String,
}

pub async fn all(db: &Db) -> Result<Vec<Neighbourhood>, StoreError> {
    let rows = read!(db, |pool| {
        sqlx::query_as("SELECT id, name FROM neighbourhoods ORDER BY position, name")
            .fetch_all(pool)
            .await
    })?;
    Ok(rows)
}

/// Adds neighbourhoods in the given order, after any that exist.
pub async fn create_all(db: &Db, names: Vec<String>) -> Result<Vec<i64>, StoreError> {
    write!(db, |conn| {
        let start: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) FROM neighbourhoods")
                .fetch_one(&mut *conn)
                .await?;
        let mut ids = Vec::with_capacity(names.len());
        for (offset, name) in names.into_iter().enumerate() {
            let id = sqlx::query_scalar(
                "INSERT INTO neighbourhoods (name, position) VALUES ($1, $2) RETURNING id",
            )
            .bind(name)
            .bind(start + 1 + offset as i64)
            .fetch_one(&mut *conn)
            .await?;
            ids.push(id);
        }
        Ok(ids)
    })
}
