//! Serves a fake Kitsu until killed: `cargo run -p kitsu-mock --example serve [-- --bare]`.
//!
//! Prints the base URL (log in with admin@example.com / mysecretpassword). `--bare` serves
//! the API at the root, as a bare Zou does; `--demo` adds the demo production.

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let mut builder = kitsu_mock::MockKitsu::builder();
    if args.iter().any(|a| a == "--bare") {
        builder = builder.api_prefix("");
    }
    if args.iter().any(|a| a == "--demo") {
        builder = builder.demo_data();
    }
    let kitsu = builder.start().await?;
    println!("{}", kitsu.base_url());
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}
