//! The canned Kitsu: Zou-shaped answers served by nginx (one worker, keep-alive, no access
//! log), so the client's cost is what is measured, not Zou's.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use crate::sh::Fallible;

/// The main port and the upload sink's port.
pub const PORT: u16 = 18080;
const SINK_PORT: u16 = 18081;

/// How many shots, and tasks in the big list.
pub const SHOTS: usize = 1000;
pub const BIG_LIST: usize = 50_000;

fn id(kind: u32, n: usize) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

fn shot(n: usize) -> Value {
    json!({
        "id": id(1, n), "name": format!("SH{:04}", n * 10), "code": null, "description": "a shot of the canned Kitsu",
        "shotgun_id": null, "canceled": false, "nb_frames": 48, "nb_entities_out": 0, "is_casting_standby": false,
        "status": "running", "project_id": id(9, 0), "entity_type_id": id(8, 1), "parent_id": id(7, n / 50),
        "source_id": null, "preview_file_id": null, "data": {"frame_in": 1001, "frame_out": 1048, "fps": 24},
        "ready_for": null, "created_at": "2026-11-24T19:38:20", "updated_at": "2026-11-24T19:38:20",
        "type": "Shot", "sequence_name": format!("SQ{:02}", n / 50), "project_name": "Bench",
    })
}

fn task(n: usize) -> Value {
    json!({
        "id": id(2, n), "name": "main", "description": null, "priority": 0, "difficulty": 3, "duration": 0,
        "estimation": 2.5, "completion_rate": 0, "retake_count": 1, "sort_order": 0, "start_date": null,
        "due_date": "2026-12-31T00:00:00", "real_start_date": null, "end_date": null, "done_date": null,
        "last_comment_date": "2026-11-24T19:40:02", "nb_assets_ready": 0, "data": null, "shotgun_id": null,
        "project_id": id(9, 0), "task_type_id": id(3, n % 5), "task_status_id": id(4, n % 6),
        "entity_id": id(1, n / 5), "assigner_id": id(5, 0), "assignees": [id(5, n % 40)],
        "created_at": "2026-11-24T19:38:20", "updated_at": "2026-11-24T19:38:21", "type": "Task",
        "project_name": "Bench", "task_type_name": "Animation", "task_status_name": "Work In Progress",
        "entity_type_name": "Shot", "entity_name": format!("SH{:04}", n / 5 * 10),
    })
}

/// Writes the answers, the 1 GiB file and nginx's configuration into `dir`; returns the size of
/// the big JSON list in bytes.
pub fn write(dir: &Path, big_file_bytes: u64) -> Fallible<u64> {
    let write = |name: &str, text: String| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))
    };
    let project = json!([{"id": id(9, 0), "name": "Bench", "fps": "25", "ratio": "16:9", "resolution": "1920x1080",
        "production_type": "tvshow", "project_status_id": id(6, 0), "type": "Project", "team": [], "descriptors": []}]);
    write("projects_open.json", project.to_string())?;
    write(
        "shots.json",
        Value::Array((0..SHOTS).map(shot).collect()).to_string(),
    )?;
    write(
        "tasks_of_shot.json",
        Value::Array((0..5).map(task).collect()).to_string(),
    )?;
    let big = Value::Array((0..BIG_LIST).map(task).collect()).to_string();
    let big_size = big.len() as u64;
    write("tasks.json", big)?;
    let big_file = std::fs::File::create(dir.join("big.mp4")).map_err(|e| e.to_string())?;
    big_file
        .set_len(big_file_bytes)
        .map_err(|e| e.to_string())?;
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl";
    let login = json!({"login": true, "access_token": token, "refresh_token": token,
        "user": {"id": id(5, 0), "email": "admin@example.com", "full_name": "Super Admin", "role": "admin", "type": "Person"},
        "organisation": {"name": "Kitsu", "type": "Organisation"}});
    let uploaded =
        json!({"id": id(10, 0), "status": "ready", "extension": "mp4", "type": "PreviewFile"});
    let mut config = String::new();
    let d = dir.display();
    let _ = write!(
        config,
        r#"worker_processes 1;
daemon on;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  default_type application/json;
  client_body_temp_path {d}/body;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
  log_format received '$request_length';
  server {{
    listen 127.0.0.1:{PORT};
    root {d};
    location = /auth/login {{ return 200 '{login}'; }}
    location = /auth/logout {{ return 200 '{{"logout": true}}'; }}
    location = /data/projects/open {{ try_files /projects_open.json =404; }}
    location ~ ^/data/projects/[^/]+/shots$ {{ try_files /shots.json =404; }}
    location ~ ^/data/shots/[^/]+/tasks$ {{ try_files /tasks_of_shot.json =404; }}
    location ~ ^/data/shots/[^/]+$ {{ return 200 '{shot}'; }}
    location = /data/tasks {{ try_files /tasks.json =404; }}
    location ^~ /movies/originals/preview-files/ {{ default_type video/mp4; try_files /big.mp4 =404; }}
    location ^~ /pictures/preview-files/ {{
      client_max_body_size 8g;
      access_log {d}/received.log received;
      proxy_request_buffering on;
      proxy_http_version 1.1;
      proxy_pass http://127.0.0.1:{SINK_PORT}/sink;
    }}
  }}
  server {{
    listen 127.0.0.1:{SINK_PORT};
    client_max_body_size 8g;
    location ^~ /sink {{ return 201 '{uploaded}'; }}
  }}
}}
"#,
        shot = shot(0),
    );
    write("nginx.conf", config)?;
    Ok(big_size)
}

/// The byte count of the last upload nginx read whole before proxying it (request line,
/// headers and body).
pub fn last_received(dir: &Path) -> Option<u64> {
    std::fs::read_to_string(dir.join("received.log"))
        .ok()?
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}
