//! Driving the real binary in a pseudo-terminal and reading its screen.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const ESC: &str = "\x1b";
pub const CTRL_S: &str = "\x13";
pub const DOWN: &str = "\x1b[B";

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Terminal bells (BEL) the program wrote.
    bells: Arc<std::sync::atomic::AtomicUsize>,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

impl Session {
    /// Starts meldpunt in a terminal of `cols` × `rows` with a private home.
    pub fn start(home: &Path, args: &[&str], envs: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_meldpunt"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join(".config"));
        cmd.env("XDG_DATA_HOME", home.join(".local/share"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_GB.UTF-8");
        cmd.env("TZ", "UTC");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("meldpunt starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&parser);
        let bells = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let rung = Arc::clone(&bells);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let bel = buf[..n].iter().filter(|b| **b == 0x07).count();
                rung.fetch_add(bel, std::sync::atomic::Ordering::SeqCst);
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session { master: pair.master, writer, child, parser, bells }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Give the program a moment, so that an Esc is not read as the start
        // of an escape sequence together with the next key.
        std::thread::sleep(Duration::from_millis(40));
    }

    /// Types text one key at a time.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.writer.write_all(c.to_string().as_bytes()).unwrap();
        }
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(40));
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// How many times the terminal bell was rung.
    pub fn bells(&self) -> usize {
        self.bells.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn in_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Waits until the screen shows `text`; fails with the screen if it does not.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_any(&[text])
    }

    /// Waits until the screen shows one of `texts`.
    pub fn wait_for_any(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if texts.iter().any(|text| screen.contains(text)) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {texts:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
    }

    /// Ends the program at once, as a crash or a closed SSH session would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits for the program to end and returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                std::thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("meldpunt did not exit; the screen shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A private home whose config names the user `operator1`.
pub fn home() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".config/meldpunt");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "user = \"operator1\"\n").unwrap();
    dir
}

/// From the queue: opens the registration form and fills in a phoned-in
/// VPN incident of Sanne Jansen (Finance), classified P2, unsaved.
pub fn fill_in_vpn_incident(s: &mut Session) {
    s.send("n");
    s.wait_for("Register incident");
    s.type_text("Sanne Jansen");
    s.send(TAB);
    s.type_text("fin");
    s.send(TAB);
    s.type_text("020 555 1234");
    s.send(TAB);
    s.type_text("s.jansen@example.nl");
    s.send(TAB);
    s.type_text("VPN drops every ten minutes");
    s.send(TAB);
    s.type_text("Since this morning.");
    s.send(TAB);
    s.type_text("vpn");
    s.send(TAB);
    s.type_text("netw");
    s.send(TAB);
    s.send(TAB);
    s.type_text("1");
    s.send(TAB);
    s.type_text("2");
}
