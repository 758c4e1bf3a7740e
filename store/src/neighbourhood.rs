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

/// Names of the neighbourhoods that ideas point to.
pub async fn in_use(db: &Db) -> Result<Vec<String>, StoreError> {
    Ok(read!(db, |pool| {
        sqlx::query_scalar(
            "SELECT n.name FROM neighbourhoods n
             WHERE EXISTS (SELECT 1 FROM ideas i WHERE i.neighbourhood_id = n.id)",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// Makes the list `names`, in that order: a name already there keeps its
/// id (and its ideas), new names are added, names left out are removed
/// unless ideas point to them by now. Returns whether all left-out names
/// could go.
pub async fn replace_all(db: &Db, names: Vec<String>) -> Result<bool, StoreError> {
    write!(db, |conn| {
        let old: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM neighbourhoods")
            .fetch_all(&mut *conn)
            .await?;
        let mut all_gone = true;
        for (id, _) in old.iter().filter(|(_, name)| !names.contains(name)) {
            let gone = sqlx::query(
                "DELETE FROM neighbourhoods WHERE id = $1
                   AND NOT EXISTS (SELECT 1 FROM ideas i WHERE i.neighbourhood_id = $1)",
            )
            .bind(id)
            .execute(&mut *conn)
            .await?;
            all_gone &= gone.rows_affected() == 1;
        }
        // Positions are not unique, so they can be set one by one.
        for (index, name) in names.iter().enumerate() {
            let position = index as i64 + 1;
            let moved = sqlx::query("UPDATE neighbourhoods SET position = $1 WHERE name = $2")
                .bind(position)
                .bind(name)
                .execute(&mut *conn)
                .await?;
            if moved.rows_affected() == 0 {
                sqlx::query("INSERT INTO neighbourhoods (name, position) VALUES ($1, $2)")
                    .bind(name)
                    .bind(position)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        Ok(all_gone)
    })
}
