//! The analyst's own tiles: a tile server on 127.0.0.1 that answers slowly, with HTTP errors
//! or with bytes that are not an image never blocks a frame and never floods the log; a
//! `PMTiles` file is read from disk with no network at all.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use incident_atlas::logging::{TILE_MESSAGES_PER_WINDOW, Throttled};
use incident_atlas::map::tiles::{PrivateTiles, TileLayer, TileNetwork, TileService};
use walkers::TileId;

/// Every record the app logs, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<(String, String)>>>);

impl log::Log for Captured {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Warn
    }

    fn log(&self, record: &log::Record<'_>) {
        if let Ok(mut all) = self.0.lock() {
            all.push((record.target().to_owned(), record.args().to_string()));
        }
    }

    fn flush(&self) {}
}

/// A tile server that misbehaves three ways, by zoom: an HTTP 500, a 200 whose body is not
/// an image, and an answer that takes three seconds. Returns its port and a request count.
fn bad_server() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("bound").port();
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let counted = Arc::clone(&counted);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                // Drain the headers.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                counted.fetch_add(1, Ordering::Relaxed);
                let zoom: u32 = request
                    .split('/')
                    .nth(1)
                    .and_then(|z| z.parse().ok())
                    .unwrap_or(0);
                let mut stream = &stream;
                let answer = match zoom % 3 {
                    0 => "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops!".to_owned(),
                    1 => "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 17\r\nConnection: close\r\n\r\nthis is not a png".to_owned(),
                    _ => {
                        std::thread::sleep(Duration::from_secs(3));
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
                    }
                };
                let _ = stream.write_all(answer.as_bytes());
            });
        }
    });
    (port, requests)
}

#[test]
fn a_misbehaving_tile_server_never_blocks_a_frame_nor_floods_the_log() {
    let captured = Captured::default();
    // One-second windows, so the test sees several.
    let logger = Throttled::new(captured.clone(), Duration::from_secs(1));
    log::set_boxed_logger(Box::new(logger)).expect("the only logger in this test binary");
    log::set_max_level(log::LevelFilter::Warn);

    let (port, requests) = bad_server();
    let ctx = egui::Context::default();
    let mut service = TileService::new(TileNetwork::default());
    let private = PrivateTiles {
        url: format!("http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"),
        url_attribution: "Our own tiles".to_owned(),
        ..PrivateTiles::default()
    };
    service.sync(TileLayer::CustomServer, &private, &ctx);
    assert_eq!(service.attribution(), Some(("Our own tiles", "")));

    // Frames for four seconds, each asking for a view's worth of tiles at a new zoom.
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut frame = 0u8;
    while started.elapsed() < Duration::from_secs(4) {
        let zoom = 3 + frame % 9;
        let tiles = service.tiles_mut().expect("the server's tiles");
        let frame_started = Instant::now();
        for x in 0..4 {
            for y in 0..3 {
                let _ = tiles.at(TileId { x, y, zoom });
            }
        }
        slowest = slowest.max(frame_started.elapsed());
        frame = frame.wrapping_add(1);
        std::thread::sleep(Duration::from_millis(30));
    }
    // Nothing waited on the network: a frame's requests are queued, not made.
    assert!(
        slowest < Duration::from_millis(250),
        "a frame took {slowest:?}"
    );
    let asked = requests.load(Ordering::Relaxed);
    assert!(asked >= 10, "the server was asked for tiles: {asked}");
    // Failures are reported, a few a window, and the rest counted.
    let records = captured.0.lock().expect("records").clone();
    let tile_records: Vec<&(String, String)> = records
        .iter()
        .filter(|(target, _)| target.starts_with("walkers"))
        .collect();
    assert!(!tile_records.is_empty(), "failures are logged: {records:?}");
    // Every failure is counted for the map's notice, logged or not.
    let failed = service.failed_tiles();
    assert!(
        failed as usize > tile_records.len(),
        "{failed} failures counted"
    );
    let windows = 1 + started.elapsed().as_secs() as usize;
    let most = windows * (TILE_MESSAGES_PER_WINDOW as usize + 1);
    assert!(
        asked > most,
        "enough failures to flood the log unthrottled: {asked}"
    );
    assert!(
        tile_records.len() <= most,
        "{} tile messages for {asked} failing requests in {windows} windows",
        tile_records.len()
    );
    // A broken template is refused with its reason, and the offline basemap shows.
    let broken = PrivateTiles {
        url: "http://127.0.0.1/{z}/tiles".to_owned(),
        ..PrivateTiles::default()
    };
    service.sync(TileLayer::CustomServer, &broken, &ctx);
    assert!(service.tiles_mut().is_none());
    let why = service.reachability(&ctx);
    assert!(
        matches!(&why, Some(incident_atlas::map::tiles::Reachability::Unreachable(w)) if w.contains("{x}")),
        "{why:?}"
    );
}

/// A one-tile `PMTiles` v3 file: zoom 0, a 256-pixel PNG, nothing compressed.
fn one_tile_pmtiles(png: &[u8]) -> Vec<u8> {
    fn varint(mut v: u64, out: &mut Vec<u8>) {
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }
    // Root directory: one entry (tile id 0, run 1, its length, offset 0 stored as 0 + 1).
    let mut directory = Vec::new();
    for value in [1, 0, 1, png.len() as u64, 1] {
        varint(value, &mut directory);
    }
    let metadata = b"{}";
    let root_offset = 127u64;
    let metadata_offset = root_offset + directory.len() as u64;
    let data_offset = metadata_offset + metadata.len() as u64;
    let mut header = Vec::with_capacity(127);
    header.extend_from_slice(b"PMTiles");
    header.push(3);
    for value in [
        root_offset,
        directory.len() as u64,
        metadata_offset,
        metadata.len() as u64,
        0,
        0,
        data_offset,
        png.len() as u64,
        1,
        1,
        1,
    ] {
        header.extend_from_slice(&value.to_le_bytes());
    }
    // Clustered, internal compression none, tile compression none, PNG, zooms 0–0.
    header.extend_from_slice(&[1, 1, 1, 2, 0, 0]);
    for e7 in [-1_800_000_000i32, -850_000_000, 1_800_000_000, 850_000_000] {
        header.extend_from_slice(&e7.to_le_bytes());
    }
    header.push(0);
    header.extend_from_slice(&0i32.to_le_bytes());
    header.extend_from_slice(&0i32.to_le_bytes());
    assert_eq!(header.len(), 127);
    [header, directory, metadata.to_vec(), png.to_vec()].concat()
}

#[test]
fn a_pmtiles_file_is_drawn_without_a_network() {
    let mut png = Vec::new();
    image::RgbaImage::from_pixel(256, 256, image::Rgba([40, 90, 160, 255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("encoded");
    let path = std::env::temp_dir().join(format!("atlas-tiles-{}.pmtiles", std::process::id()));
    std::fs::write(&path, one_tile_pmtiles(&png)).expect("written");
    let ctx = egui::Context::default();
    let mut service = TileService::new(TileNetwork::default());
    let private = PrivateTiles {
        file: Some(path.clone()),
        file_attribution: "Survey tiles".to_owned(),
        ..PrivateTiles::default()
    };
    service.sync(TileLayer::TileFile, &private, &ctx);
    assert_eq!(service.attribution(), Some(("Survey tiles", "")));
    let mut found = false;
    for _ in 0..250 {
        let tiles = service.tiles_mut().expect("the file's tiles");
        if tiles
            .at(TileId {
                x: 0,
                y: 0,
                zoom: 0,
            })
            .is_some()
        {
            found = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(found, "the tile was read from the file");
    // A file that is gone: the basemap shows and says why.
    let gone = PrivateTiles {
        file: Some(path.with_extension("missing")),
        ..PrivateTiles::default()
    };
    service.sync(TileLayer::TileFile, &gone, &ctx);
    assert!(service.tiles_mut().is_none());
    let _ = std::fs::remove_file(path);
}
