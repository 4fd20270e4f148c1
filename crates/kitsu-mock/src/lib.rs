//! An in-process fake Kitsu (Zou) server, for tests and the no-server quick start.
//!
//! [`MockKitsu::start`] binds `127.0.0.1` on an ephemeral port and serves, over real HTTP/1.1,
//! the routes a pipeline tool uses, answering as Zou 1.0.x does: the same bodies, statuses and
//! three error shapes, the same auth (login with lockout, refresh and logout revoking both
//! tokens, `401`/`422` token answers, bot tokens), generic CRUD with filters, `fields`,
//! `relations` and the pagination envelope, the specialised project/shot/asset/task routes
//! (the `with-tasks` boards included), a production's structure as gazu builds it (a TV show's
//! episodes, sequences and shots by parent and by name, assets and asset types, project
//! settings and team, `data/entities/{id}` merging `data`), the breakdown (castings of shots,
//! assets, episodes and sequences, cast-in, entity links, with Zou's `*:casting-update`
//! events), the logged-in user's done tasks, multipart preview uploads and ranged downloads, and
//! Zou's conditional GETs (`ETag`, `304 Not Modified`) where Zou answers them. It stops when
//! dropped.
//!
//! It also does what no real server does on demand: [`Faults`] (latency, scripted statuses,
//! `429` with `Retry-After`, a reset or a truncation mid-body), short token lifetimes,
//! [`MockKitsu::expire_all_tokens`], and a log of every request it received.
//!
//! Use it in your own tests:
//!
//! ```
//! use kitsu_mock::{ADMIN_EMAIL, ADMIN_PASSWORD, MockKitsu};
//!
//! #[tokio::test]
//! async fn my_sync_daemon_survives_a_flaky_server() {
//!     let kitsu = MockKitsu::builder()
//!         .seed(|seed| { seed.project("Agent 327"); })
//!         .start()
//!         .await
//!         .unwrap();
//!     kitsu.faults().statuses(http::Method::GET, "data/projects", [503, 503]);
//!     // Point your tool at kitsu.base_url(), log in with ADMIN_EMAIL / ADMIN_PASSWORD,
//!     // run it, then check what the server saw:
//!     assert_eq!(kitsu.count(http::Method::POST, "auth/login"), 0);
//! }
//! # fn main() {}
//! ```
//!
//! It serves Zou's live events too: the Socket.IO `/events` namespace at the origin's
//! `/socket.io/` (the events Zou publishes for the writes it receives) and the stored log
//! (`data/events/last`), with [`EventServer::stop`] and [`EventServer::set_pings`] for
//! reconnect and keep-alive tests.
//!
//! What it does not do: transcode (every picture and movie variant serves the uploaded bytes),
//! search, and the hundreds of Zou routes no client of ours calls; unknown routes answer
//! Zou's 404.
#![deny(missing_docs)]

mod auth;
mod crud;
mod events;
mod faults;
mod files;
mod reply;
mod routes;
mod seed;
mod server;
mod store;
mod world;

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{Method, StatusCode};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use faults::{Fault, Faults, RecordedRequest};
pub use seed::{ADMIN_EMAIL, ADMIN_PASSWORD, Seeder};

use auth::{AuthConfig, Tokens};
use events::EventHub;
use faults::Recorder;
use server::Shared;
use store::Db;
use world::World;

/// The Zou version the mock says it is (and follows).
pub const ZOU_VERSION: &str = "1.0.97";

type SeedFn = Box<dyn FnOnce(&mut Seeder<'_>) + Send>;

/// Configures a [`MockKitsu`] before it starts.
#[must_use]
pub struct MockKitsuBuilder {
    auth: AuthConfig,
    ping_interval: Duration,
    ping_timeout: Duration,
    prefix: String,
    demo: bool,
    seeds: Vec<SeedFn>,
}

impl fmt::Debug for MockKitsuBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockKitsuBuilder")
            .field("prefix", &self.prefix)
            .field("demo", &self.demo)
            .field("seeds", &self.seeds.len())
            .finish_non_exhaustive()
    }
}

impl Default for MockKitsuBuilder {
    fn default() -> Self {
        MockKitsuBuilder {
            auth: AuthConfig::default(),
            ping_interval: Duration::from_secs(25),
            ping_timeout: Duration::from_secs(20),
            prefix: "/api".into(),
            demo: false,
            seeds: Vec::new(),
        }
    }
}

impl MockKitsuBuilder {
    /// How long access tokens live (Zou: 7 days). Milliseconds work, for expiry tests.
    pub fn access_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.auth.access_lifetime = lifetime;
        self
    }

    /// How long refresh tokens live (Zou: 15 days).
    pub fn refresh_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.auth.refresh_lifetime = lifetime;
        self
    }

    /// How an expired token is answered: `401 {"error":true,"message":"Signature has expired"}`
    /// (Zou 1.0, the default) or `422 {"message":"Signature has expired"}` (older setups).
    pub fn expired_token_status(mut self, status: StatusCode) -> Self {
        self.auth.expired_status = status;
        self
    }

    /// How long an account stays locked after five failed logins (Zou: one minute).
    pub fn lockout(mut self, lockout: Duration) -> Self {
        self.auth.lockout = lockout;
        self
    }

    /// The path the API lives under: `/api` (Kitsu behind its web server, the default) or `""`
    /// (a bare Zou).
    pub fn api_prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.trim_end_matches('/').to_owned();
        self
    }

    /// Adds the demo production (a project, 10 shots in 2 sequences with tasks, 3 movie previews,
    /// 3 assets).
    pub fn demo_data(mut self) -> Self {
        self.demo = true;
        self
    }

    /// The event server's ping interval and ping timeout (Zou: 25 s and 20 s): short ones make
    /// keep-alive tests quick.
    pub fn event_pings(mut self, interval: Duration, timeout: Duration) -> Self {
        self.ping_interval = interval;
        self.ping_timeout = timeout;
        self
    }

    /// Adds data through a [`Seeder`] (runs after Zou's init data and the demo data).
    pub fn seed(mut self, seed: impl FnOnce(&mut Seeder<'_>) + Send + 'static) -> Self {
        self.seeds.push(Box::new(seed));
        self
    }

    /// Binds `127.0.0.1:0` and starts serving.
    pub async fn start(self) -> std::io::Result<MockKitsu> {
        let mut db = Db::default();
        seed::init_data(&mut db);
        {
            let mut seeder = Seeder::new(&mut db);
            if self.demo {
                seed::demo_data(&mut seeder);
            }
            for seed in self.seeds {
                seed(&mut seeder);
            }
        }
        // Seeding is not a write through the API: it publishes nothing.
        db.take_changes();
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            world: Mutex::new(World {
                db,
                tokens: Tokens::default(),
                auth: self.auth,
            }),
            faults: Faults::default(),
            recorder: Recorder::default(),
            prefix: self.prefix,
            events: EventHub::new(self.ping_interval, self.ping_timeout),
        });
        let task = tokio::spawn(server::accept_loop(listener, shared.clone()));
        Ok(MockKitsu {
            address,
            shared,
            task: Some(task),
        })
    }
}

/// The mock's event server (Zou's `zou.event_stream`), from [`MockKitsu::event_server`]. Cheap
/// to clone; it does not keep the mock alive… nor stop it.
#[derive(Clone)]
pub struct EventServer {
    shared: Arc<Shared>,
}

impl fmt::Debug for EventServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventServer")
            .field("connections", &self.connections())
            .finish_non_exhaustive()
    }
}

impl EventServer {
    /// Publishes an event as Zou's `emit` does (to every socket, then into the event log).
    pub fn emit(&self, name: &str, payload: serde_json::Value) {
        let payload = match payload {
            serde_json::Value::Object(fields) => fields,
            other => serde_json::Map::from_iter([("value".to_owned(), other)]),
        };
        self.shared.events.publish(name, payload);
    }

    /// Stops the event server: every socket dropped, new ones answered `502` (as by the proxy
    /// in front of a dead one). The API goes on storing events in the log.
    pub fn stop(&self) {
        self.shared.events.stop();
    }

    /// Starts the event server again.
    pub fn start(&self) {
        self.shared.events.start();
    }

    /// Whether the event server sends pings (on by default). Off, it hangs without closing:
    /// a client must notice by the missing pings.
    pub fn set_pings(&self, on: bool) {
        self.shared.events.set_pings(on);
    }

    /// How many sockets have joined `/events` and are still open.
    pub fn connections(&self) -> usize {
        self.shared.events.connections()
    }

    /// The names of the events published so far, oldest first.
    pub fn published(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .shared
            .events
            .newest_first()
            .into_iter()
            .map(|event| event.name)
            .collect();
        names.reverse();
        names
    }
}

/// A running fake Kitsu. Dropping it stops the server and closes its connections.
pub struct MockKitsu {
    address: SocketAddr,
    shared: Arc<Shared>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for MockKitsu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockKitsu")
            .field("base_url", &self.base_url())
            .finish_non_exhaustive()
    }
}

impl MockKitsu {
    /// A builder, to configure tokens, faults and seed data before starting.
    pub fn builder() -> MockKitsuBuilder {
        MockKitsuBuilder::default()
    }

    /// Starts a mock with Zou's init data and the admin ([`ADMIN_EMAIL`], [`ADMIN_PASSWORD`]).
    pub async fn start() -> std::io::Result<MockKitsu> {
        MockKitsu::builder().start().await
    }

    /// The base URL to give a client: `http://127.0.0.1:<port>/api`.
    pub fn base_url(&self) -> String {
        format!("http://{}{}", self.address, self.shared.prefix)
    }

    /// The socket address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The fault injection rules.
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    /// Makes every token issued so far expired, as if their lifetime had passed.
    pub fn expire_all_tokens(&self) {
        self.shared.world().tokens.expire_all();
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.recorder.all()
    }

    /// How many `method path` requests were received (`count(GET, "auth/refresh-token")`).
    pub fn count(&self, method: Method, path: &str) -> usize {
        self.shared.recorder.count(&method, path)
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared.recorder.clear();
    }

    /// Adds data while running.
    pub fn seed<T>(&self, seed: impl FnOnce(&mut Seeder<'_>) -> T) -> T {
        let mut world = self.shared.world();
        let mut seeder = Seeder::new(&mut world.db);
        let seeded = seed(&mut seeder);
        world.db.take_changes();
        seeded
    }

    /// The event server: its URL, and what a test does to it (publish, stop, start, silence).
    pub fn event_server(&self) -> EventServer {
        EventServer {
            shared: self.shared.clone(),
        }
    }

    /// A row of a `data/<model>` collection as the server holds it (for assertions).
    pub fn row(&self, model: &str, id: &str) -> Option<serde_json::Value> {
        let model = store::model(model)?;
        let world = self.shared.world();
        world
            .db
            .get(model.table, id)
            .map(|row| serde_json::Value::Object(row.clone()))
    }

    /// The bytes stored for an uploaded preview file.
    pub fn preview_file_bytes(&self, preview_id: &str) -> Option<bytes::Bytes> {
        let world = self.shared.world();
        world
            .db
            .files
            .get(&format!("preview-files/{preview_id}"))
            .map(|f| f.bytes.clone())
    }

    /// Stops the server and waits until it has.
    pub async fn stop(mut self) {
        self.shared.events.stop();
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for MockKitsu {
    fn drop(&mut self) {
        // Sockets run in tasks of their own: stopping the event server drops them.
        self.shared.events.stop();
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}
