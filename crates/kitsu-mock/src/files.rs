//! Preview uploads (multipart, parsed for real) and downloads (with `Range`).

use bytes::Bytes;
use http::{HeaderValue, StatusCode, header};
use serde_json::{Value, json};

use crate::auth::Identity;
use crate::reply::{Reply, Req, existing, is_uuid, try_reply};
use crate::store::{StoredFile, obj, str_field};
use crate::world::World;

const PICTURES: &[&str] = &["png", "jpg", "jpeg"];
const MOVIES: &[&str] = &["mp4", "mov", "wmv", "mkv", "avi", "webm", "m4v"];

/// A file part of a multipart upload.
#[derive(Debug)]
pub(crate) struct Upload {
    pub(crate) filename: String,
    pub(crate) bytes: Bytes,
}

/// Reads the `file` part of a multipart body. A body that came chunked counts as empty, as it
/// arrives under gunicorn; a missing part is Zou's 400.
pub(crate) async fn parse_upload(req: &Req, chunked: bool) -> Result<Upload, Reply> {
    let not_provided = || Reply::error_with_data(StatusCode::BAD_REQUEST, "File not provided.");
    if chunked || req.body.is_empty() {
        return Err(not_provided());
    }
    let Ok(boundary) = multer::parse_boundary(req.content_type()) else {
        return Err(not_provided());
    };
    let body = req.body.clone();
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                if field.name() != Some("file") {
                    continue;
                }
                let filename = field.file_name().unwrap_or("file").to_owned();
                let bytes = field.bytes().await.map_err(|_| {
                    Reply::error(StatusCode::BAD_REQUEST, "Malformed multipart body.")
                })?;
                return Ok(Upload { filename, bytes });
            }
            Ok(None) => return Err(not_provided()),
            Err(_) => {
                return Err(Reply::error(
                    StatusCode::BAD_REQUEST,
                    "Malformed multipart body.",
                ));
            }
        }
    }
}

fn split_name(filename: &str) -> (String, String) {
    match filename.rsplit_once('.') {
        Some((stem, extension)) => (stem.to_owned(), extension.to_ascii_lowercase()),
        None => (filename.to_owned(), String::new()),
    }
}

/// Width and height from a PNG header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let width = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((width, height))
}

/// `POST actions/tasks/{task}/comments/{comment}/add-preview`: a preview file, "processing".
pub(crate) fn add_preview(
    world: &mut World,
    task: &str,
    comment: &str,
    identity: &Identity,
) -> Reply {
    if !is_uuid(task)
        || world.db.get("tasks", task).is_none()
        || world.db.get("comments", comment).is_none()
    {
        return Reply::not_found();
    }
    let revision = world
        .db
        .rows("preview_files")
        .iter()
        .filter(|p| str_field(p, "task_id") == Some(task))
        .filter_map(|p| p.get("revision").and_then(Value::as_i64))
        .max()
        .unwrap_or(0)
        + 1;
    let row = obj(json!({
        "name": format!("v{revision}"), "original_name": null, "revision": revision, "position": 1,
        "extension": "mp4", "description": null, "path": null, "source": "webgui", "file_size": 0,
        "status": "processing", "validation_status": "neutral", "annotations": [], "width": 0, "height": 0,
        "duration": 0, "task_id": task, "person_id": identity.person_id, "source_file_id": null,
        "shotgun_id": null, "is_movie": false, "url": null, "uploaded_movie_url": null,
        "uploaded_movie_name": null, "data": null,
    }));
    let row = world.db.insert("preview_files", "PreviewFile", row);
    let id = row.get("id").cloned().unwrap_or(Value::Null);
    if let Some(Value::Array(previews)) = world
        .db
        .get_mut("comments", comment)
        .and_then(|c| c.get_mut("previews"))
    {
        previews.push(id.clone());
    }
    world
        .db
        .update("comments", comment, obj(json!({"preview_file_id": id})));
    Reply::created(&Value::Object(row))
}

/// `POST pictures/preview-files/{id}`: stores the file and marks the preview ready.
pub(crate) fn upload_preview(world: &mut World, preview: &str, upload: Option<Upload>) -> Reply {
    try_reply!(existing(&world.db, "preview_files", preview));
    let Some(upload) = upload else {
        return Reply::error_with_data(StatusCode::BAD_REQUEST, "File not provided.");
    };
    let (stem, extension) = split_name(&upload.filename);
    let is_movie = MOVIES.contains(&extension.as_str());
    if !is_movie && !PICTURES.contains(&extension.as_str()) {
        return Reply::error_with_data(
            StatusCode::BAD_REQUEST,
            &format!("Wrong file format, extension: {extension}"),
        );
    }
    let (width, height) = png_size(&upload.bytes).unwrap_or((0, 0));
    let mut changes = obj(json!({
        "original_name": stem, "extension": extension, "file_size": upload.bytes.len(),
        "status": "ready", "is_movie": is_movie,
    }));
    if width > 0 {
        changes.insert("width".into(), json!(width));
        changes.insert("height".into(), json!(height));
    }
    world.db.files.insert(
        format!("preview-files/{preview}"),
        StoredFile {
            bytes: upload.bytes,
            extension,
        },
    );
    match world.db.update("preview_files", preview, changes) {
        Some(row) => Reply::created(&Value::Object(row)),
        None => Reply::not_found(),
    }
}

/// `POST pictures/thumbnails/projects/{id}`.
pub(crate) fn upload_project_thumbnail(
    world: &mut World,
    project: &str,
    upload: Option<Upload>,
    identity: &Identity,
) -> Reply {
    try_reply!(identity.require_manager());
    try_reply!(existing(&world.db, "projects", project));
    let Some(upload) = upload else {
        return Reply::error_with_data(StatusCode::BAD_REQUEST, "File not provided.");
    };
    let (_, extension) = split_name(&upload.filename);
    if !PICTURES.contains(&extension.as_str()) {
        return Reply::error_with_data(
            StatusCode::BAD_REQUEST,
            &format!("Wrong file format, extension: {extension}"),
        );
    }
    world.db.files.insert(
        format!("projects/{project}"),
        StoredFile {
            bytes: upload.bytes,
            extension: "png".into(),
        },
    );
    world
        .db
        .update("projects", project, obj(json!({"has_avatar": true})));
    Reply::created(
        &json!({"thumbnail_path": format!("pictures/thumbnails/projects/{project}.png")}),
    )
}

/// Whether the segments name a download route.
pub(crate) fn is_download(segments: &[&str]) -> bool {
    matches!(
        segments,
        ["pictures" | "movies", _, "preview-files", _]
            | ["pictures" | "movies", _, "preview-files", _, "download"]
            | ["pictures", "thumbnails", "projects", _]
    )
}

/// Serves a stored file, honouring `Range`. The mock does not transcode: every variant
/// (originals, previews, thumbnails, low) serves the uploaded bytes.
pub(crate) fn download(world: &World, path: &[String], req: &Req) -> Reply {
    let segments: Vec<&str> = path.iter().map(String::as_str).collect();
    let (key, wanted_extension, attachment) = match segments.as_slice() {
        ["pictures", "thumbnails", "projects", file] => {
            let (id, extension) = split_name(file);
            (format!("projects/{id}"), Some(extension), false)
        }
        [_, _, "preview-files", id, "download"] => (format!("preview-files/{id}"), None, true),
        [_, _, "preview-files", file] => {
            let (id, extension) = split_name(file);
            (format!("preview-files/{id}"), Some(extension), false)
        }
        _ => return Reply::not_found(),
    };
    let Some(file) = world.db.files.get(&key) else {
        return Reply::not_found();
    };
    if wanted_extension.is_some_and(|e| e != file.extension) {
        return Reply::not_found();
    }
    let content_type = match file.extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    };
    let total = file.bytes.len();
    let mut reply = Reply::ok(&Value::Null);
    reply
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    reply
        .headers
        .insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if attachment {
        if let Ok(value) =
            HeaderValue::from_str(&format!("attachment; filename=preview.{}", file.extension))
        {
            reply.headers.insert(header::CONTENT_DISPOSITION, value);
        }
    }
    let range = req.headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    match range.map(|r| parse_range(r, total)) {
        // Zou sends files with werkzeug's `send_file(conditional=True)`: an `ETag` that changes
        // with the file, and `304` for a matching `If-None-Match`.
        None => {
            reply.body = file.bytes.clone();
            return reply.conditional(req, &key, "private, max-age=604800");
        }
        Some(Some((start, end))) => {
            reply.status = StatusCode::PARTIAL_CONTENT;
            reply.body = file.bytes.slice(start..=end);
            if let Ok(tag) = HeaderValue::from_str(&crate::reply::etag(&file.bytes, &key)) {
                reply.headers.insert(header::ETAG, tag);
            }
            if let Ok(value) = HeaderValue::from_str(&format!("bytes {start}-{end}/{total}")) {
                reply.headers.insert(header::CONTENT_RANGE, value);
            }
        }
        Some(None) => {
            reply.status = StatusCode::RANGE_NOT_SATISFIABLE;
            reply.body = Bytes::new();
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{total}")) {
                reply.headers.insert(header::CONTENT_RANGE, value);
            }
        }
    }
    reply
}

/// A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range as inclusive offsets.
fn parse_range(header: &str, total: usize) -> Option<(usize, usize)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    let (start, end) = spec.split_once('-')?;
    if total == 0 {
        return None;
    }
    let (start, end) = if start.is_empty() {
        let suffix: usize = end.parse().ok()?;
        (total.checked_sub(suffix.min(total))?, total - 1)
    } else {
        let start: usize = start.parse().ok()?;
        let end: usize = if end.is_empty() {
            total - 1
        } else {
            end.parse::<usize>().ok()?.min(total - 1)
        };
        (start, end)
    };
    (start <= end && start < total).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), Some((0, 9)));
        assert_eq!(parse_range("bytes=90-", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=50-500", 100), Some((50, 99)));
        assert_eq!(parse_range("bytes=100-", 100), None);
        assert_eq!(parse_range("bytes=9-3", 100), None);
        assert_eq!(parse_range("items=0-1", 100), None);
    }
}
