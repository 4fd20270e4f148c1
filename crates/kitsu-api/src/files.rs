//! Uploads (multipart streamed from disk with an exact `Content-Length`) and downloads
//! (streamed into a temporary file beside the destination, renamed into place when complete).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use futures_util::stream::{self, StreamExt, TryStreamExt};
use http::{Method, header};
use kitsu_core::routes;
use kitsu_transport::{MaxResponseSize, RequestBody, RequestTimeout};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio_util::io::ReaderStream;

use crate::models::PreviewFile;
use crate::{ApiError, Client, Query};

/// How much of a file is read, sent, or written at a time: large enough that a gigabyte is a few
/// thousand system calls, small enough to keep memory flat.
const CHUNK: usize = 256 * 1024;

/// Called with (bytes done, bytes in all) as a transfer progresses. For uploads the count
/// restarts if the request is sent again (a retry, or a replay after a token refresh).
pub type Progress = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// A multipart upload: files (the first under `file`, then `file-1`, `file-2`… as gazu names
/// them) and extra form fields.
#[derive(Clone, Default)]
pub struct Upload {
    files: Vec<PathBuf>,
    fields: Vec<(String, String)>,
    progress: Option<Progress>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("files", &self.files)
            .field("fields", &self.fields)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl Upload {
    /// An upload of one file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Upload {
            files: vec![path.into()],
            ..Upload::default()
        }
    }

    /// Adds another file (sent as `file-1`, `file-2`…).
    pub fn and_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.files.push(path.into());
        self
    }

    /// Adds a form field.
    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push((name.into(), value.into()));
        self
    }

    /// Reports progress.
    pub fn progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }
}

/// One part of the multipart body: bytes in memory, or a file streamed from disk.
enum Part {
    Bytes(Bytes),
    File { path: PathBuf, length: u64 },
}

fn quoted(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\r', '\n'], " ")
}

impl Client {
    /// Uploads files as multipart/form-data to `path`, streamed from disk (never read whole into
    /// memory) with an exact `Content-Length`. The body is rebuilt from the files for every
    /// attempt, so a retry or a replay after a token refresh sends it whole again.
    /// A success status whose body carries an error `message` is [`ApiError::UploadRejected`].
    pub async fn upload(&self, path: impl AsRef<str>, upload: Upload) -> Result<Value, ApiError> {
        let path = path.as_ref();
        let boundary = format!("kitsu-rs-{}", uuid::Uuid::new_v4().simple());
        let mut parts = Vec::new();
        let mut file_bytes = 0;
        for (name, value) in &upload.fields {
            parts.push(Part::Bytes(Bytes::from(format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{value}\r\n",
                quoted(name)
            ))));
        }
        for (index, file) in upload.files.iter().enumerate() {
            let metadata = tokio::fs::metadata(file)
                .await
                .map_err(|source| ApiError::Io {
                    action: "read",
                    path: file.clone(),
                    source,
                })?;
            let name = if index == 0 {
                "file".to_owned()
            } else {
                format!("file-{index}")
            };
            let filename = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "file".into());
            let mime = mime_guess::from_path(file).first_or_octet_stream();
            parts.push(Part::Bytes(Bytes::from(format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\nContent-Type: {mime}\r\n\r\n",
                quoted(&filename)
            ))));
            parts.push(Part::File {
                path: file.clone(),
                length: metadata.len(),
            });
            parts.push(Part::Bytes(Bytes::from_static(b"\r\n")));
            file_bytes += metadata.len();
        }
        parts.push(Part::Bytes(Bytes::from(format!("--{boundary}--\r\n"))));
        let length: u64 = parts
            .iter()
            .map(|part| match part {
                Part::Bytes(bytes) => bytes.len() as u64,
                Part::File { length, .. } => *length,
            })
            .sum();
        let parts = Arc::new(parts);
        let progress = upload.progress.clone();
        let body = RequestBody::replayable(length, move || {
            let sent = Arc::new(AtomicU64::new(0));
            let progress = progress.clone();
            stream::iter(0..parts.len())
                .map({
                    let parts = parts.clone();
                    move |index| match &parts[index] {
                        Part::Bytes(bytes) => {
                            stream::once(std::future::ready(Ok(bytes.clone()))).boxed()
                        }
                        Part::File { path, .. } => {
                            let path = path.clone();
                            let sent = sent.clone();
                            let progress = progress.clone();
                            stream::once(async move { tokio::fs::File::open(path).await })
                                .map_ok(|file| ReaderStream::with_capacity(file, CHUNK))
                                .try_flatten()
                                .inspect_ok(move |chunk| {
                                    let done = sent
                                        .fetch_add(chunk.len() as u64, Ordering::Relaxed)
                                        + chunk.len() as u64;
                                    if let Some(progress) = &progress {
                                        progress(done, file_bytes);
                                    }
                                })
                                .boxed()
                        }
                    }
                })
                .flatten()
        });
        let url = self.url(path, &Query::new())?;
        let content_type = format!("multipart/form-data; boundary={boundary}");
        // The answer comes only after the last byte (and Zou transcodes a movie before it
        // answers): neither the per-attempt timeout nor the call's deadline may cut a large upload.
        let mut extensions = self.extensions(true);
        extensions.insert(RequestTimeout(None));
        let answer: Value = self
            .exchange(
                Method::POST,
                url.clone(),
                Some((body, &content_type)),
                extensions,
            )
            .await?
            .decode()?;
        if let Some(message) = answer.get("message").and_then(Value::as_str) {
            return Err(ApiError::UploadRejected {
                url,
                message: message.to_owned(),
            });
        }
        Ok(answer)
    }

    /// [`Client::upload`], the answer decoded as `T` (a preview's upload answers its
    /// [`PreviewFile`](crate::models::PreviewFile)).
    pub async fn upload_as<T: DeserializeOwned>(
        &self,
        path: impl AsRef<str>,
        upload: Upload,
    ) -> Result<T, ApiError> {
        let path = path.as_ref();
        let answer = self.upload(path, upload).await?;
        T::deserialize(answer).map_err(|error| ApiError::Decode {
            method: Method::POST,
            url: self.url(path, &Query::new()).unwrap_or_default(),
            path: String::new(),
            message: error.to_string(),
        })
    }

    /// Downloads `path` into `destination`, streamed with bounded memory. The bytes go to a
    /// temporary file beside the destination, which is renamed into place only when the body is
    /// complete and its length matches `Content-Length`. On any failure (an error status, a
    /// reset mid-body, a cancelled future) no partial file is left and the destination keeps its
    /// previous content. Returns the number of bytes written.
    pub async fn download(
        &self,
        path: impl AsRef<str>,
        destination: impl AsRef<Path>,
    ) -> Result<u64, ApiError> {
        self.download_with_progress(path, destination, |_, _| {})
            .await
    }

    /// [`Client::download`] with a progress callback: (bytes done, bytes in all, or 0 if unknown).
    pub async fn download_with_progress(
        &self,
        path: impl AsRef<str>,
        destination: impl AsRef<Path>,
        progress: impl Fn(u64, u64) + Send,
    ) -> Result<u64, ApiError> {
        let destination = destination.as_ref();
        let url = self.url(path.as_ref(), &Query::new())?;
        // Streamed to disk: neither the size limit nor the deadline of buffered calls applies.
        let response = self
            .send(Method::GET, url.clone(), None, self.extensions(true))
            .await?;
        let expected = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let partial = PartialFile::create(destination).await?;
        let file = tokio::fs::File::create(&partial.path)
            .await
            .map_err(|source| ApiError::Io {
                action: "create",
                path: partial.path.clone(),
                source,
            })?;
        // Each tokio file write is a round trip to the blocking pool: batch the network's
        // small chunks into a few large writes.
        let mut file = tokio::io::BufWriter::with_capacity(4 * CHUNK, file);
        let write_error = |source| ApiError::Io {
            action: "write",
            path: partial.path.clone(),
            source,
        };
        let mut body = response.into_body().into_data_stream();
        let mut written = 0u64;
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|error| ApiError::IncompleteDownload {
                url: url.clone(),
                reason: format!("the connection failed after {written} bytes: {error}"),
            })?;
            file.write_all(&chunk).await.map_err(write_error)?;
            written += chunk.len() as u64;
            progress(written, expected.unwrap_or(0));
        }
        if let Some(expected) = expected.filter(|e| *e != written) {
            return Err(ApiError::IncompleteDownload {
                url,
                reason: format!("received {written} of {expected} bytes"),
            });
        }
        file.flush().await.map_err(write_error)?;
        file.get_ref().sync_all().await.map_err(write_error)?;
        drop(file);
        partial.persist(destination).await?;
        Ok(written)
    }

    /// Downloads a preview's original file (`pictures/…<extension>` for pictures,
    /// `movies/….mp4` for movies, by its extension). Atomic, as [`Client::download`].
    #[doc(alias = "download_preview_file")]
    pub async fn download_preview(
        &self,
        preview: &PreviewFile,
        destination: impl AsRef<Path>,
    ) -> Result<u64, ApiError> {
        let extension = preview.extension.as_deref().unwrap_or("png");
        let route = match extension {
            "png" | "jpg" | "jpeg" | "gif" => {
                routes::preview_original_picture(preview.id, extension)
            }
            _ => routes::preview_original_movie(preview.id),
        };
        self.download(route, destination).await
    }

    /// Downloads a small file into memory, failing beyond `limit` bytes.
    pub async fn download_bytes(
        &self,
        path: impl AsRef<str>,
        limit: usize,
    ) -> Result<Bytes, ApiError> {
        let url = self.url(path.as_ref(), &Query::new())?;
        let mut extensions = self.extensions(false);
        extensions.insert(MaxResponseSize(Some(limit)));
        self.send_and_read(Method::GET, url.clone(), None, extensions, |response| {
            let url = url.clone();
            async move {
                match response.into_body().read_all(&url).await {
                    Ok(bytes) => Ok(bytes),
                    Err(error @ kitsu_transport::Error::Body { .. }) => {
                        Err(ApiError::IncompleteDownload {
                            url,
                            reason: error.to_string(),
                        })
                    }
                    Err(error) => Err(error.into()),
                }
            }
        })
        .await
    }
}

/// A temporary file beside the destination, removed when dropped unless persisted: a failed
/// or cancelled download leaves nothing behind.
struct PartialFile {
    path: PathBuf,
    persisted: bool,
}

impl PartialFile {
    async fn create(destination: &Path) -> Result<PartialFile, ApiError> {
        let name = destination
            .file_name()
            .ok_or_else(|| ApiError::Io {
                action: "write",
                path: destination.to_owned(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the destination has no file name",
                ),
            })?
            .to_string_lossy()
            .into_owned();
        let path = destination.with_file_name(format!(
            ".{name}.{}.kitsu-partial",
            uuid::Uuid::new_v4().simple()
        ));
        Ok(PartialFile {
            path,
            persisted: false,
        })
    }

    async fn persist(mut self, destination: &Path) -> Result<(), ApiError> {
        tokio::fs::rename(&self.path, destination)
            .await
            .map_err(|source| ApiError::Io {
                action: "rename to",
                path: destination.to_owned(),
                source,
            })?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
