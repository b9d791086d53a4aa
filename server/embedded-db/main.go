// Command embedded-db runs FerretDB v1 with its SQLite backend in-process and
// serves the MongoDB wire protocol on loopback, so the Node server and its
// tests need no separately installed MongoDB.
//
// Protocol with the parent process:
//   - the first stdout line is the MongoDB URI to connect to (the real port,
//     even with -port 0);
//   - it stops on SIGTERM/SIGINT or when its stdin reaches EOF, then exits 0;
//   - if it cannot start (bad data dir, port taken) it exits 1, reason on stderr.
//
// With -backup <dir> it serves nothing: it copies every <db>.sqlite of -data
// into <dir> with VACUUM INTO (a consistent snapshot, taken in one read
// transaction, even while the server writes), checks each copy with
// PRAGMA integrity_check, prints one JSON line per database and exits.
//
// While it serves, it holds an exclusive flock on <data>/.koers-db.lock (the
// kernel drops it when the process dies, even by SIGKILL). -check-unused
// exits 0 when no launcher holds it and 3 when one does: a restore must not
// replace the files under a running server.
package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	_ "modernc.org/sqlite" // the SQLite driver FerretDB uses, for -backup
)

func main() {
	dataDir := flag.String("data", "", "directory for the SQLite files, one <db>.sqlite per database (required; created if missing)")
	port := flag.Int("port", 0, "TCP port to listen on; 0 picks a free one")
	listenAddr := flag.String("listen-addr", "127.0.0.1", "address to listen on; FerretDB enforces no auth, so keep it on loopback")
	stdinEOF := flag.Bool("exit-on-stdin-eof", true, "exit when stdin reaches EOF; set false when started with stdin at /dev/null (e.g. a background shell job)")
	// At warn FerretDB also dumps every failed command's response (each
	// client's endSessions, a `create` of an existing collection): use error
	// to silence those, debug to see every request.
	logLevel := slog.LevelWarn
	flag.TextVar(&logLevel, "log-level", logLevel, "stderr log level: debug, info, warn or error")
	backupDir := flag.String("backup", "", "copy every database of -data into this new directory (VACUUM INTO) and exit")
	checkUnused := flag.Bool("check-unused", false, "exit 0 if no running launcher uses -data, 3 if one does")
	flag.Parse()

	if *checkUnused && *dataDir != "" && flag.NArg() == 0 {
		lock, err := lockDataDir(*dataDir, 0)
		if errors.Is(err, errLocked) {
			fmt.Fprintln(os.Stderr, "embedded-db:", err)
			os.Exit(3)
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "embedded-db:", err)
			os.Exit(1)
		}
		lock.Close()
		return
	}

	if *backupDir != "" && *dataDir != "" && flag.NArg() == 0 {
		if err := backup(*dataDir, *backupDir); err != nil {
			fmt.Fprintln(os.Stderr, "embedded-db backup:", err)
			os.Exit(1)
		}
		return
	}

	if *dataDir == "" || flag.NArg() > 0 || *port < 0 || *port > 65535 {
		flag.Usage()
		os.Exit(2)
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel}))

	if err := run(*dataDir, net.JoinHostPort(*listenAddr, strconv.Itoa(*port)), *stdinEOF, logger); err != nil {
		fmt.Fprintln(os.Stderr, "embedded-db:", err)
		os.Exit(1)
	}
}

func run(dataDir, addr string, stdinEOF bool, logger *slog.Logger) error {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}

	// FerretDB wants an existing directory; it creates the files inside.
	if err = os.MkdirAll(dir, 0o700); err != nil {
		return err
	}

	// Held until this process exits: one launcher per directory, and a restore
	// can tell that the files are in use. A previous launcher that is still
	// shutting down (its parent was just killed) gets a few seconds to go.
	lock, err := lockDataDir(dir, 15*time.Second)
	if err != nil {
		return err
	}
	defer lock.Close()

	// FerretDB's SQLite URI is a directory ("file:/abs/dir/"); every query
	// parameter is kept on each database file's URI, and modernc.org/sqlite runs
	// each _pragma on every new connection. FerretDB adds busy_timeout,
	// journal_mode(wal) and auto_vacuum(none) itself.
	//   - synchronous(full): fsync the WAL on every commit, so an acknowledged
	//     write also survives power loss, not just a crash of this process
	//     (FULL is SQLite's compiled-in default already; we pin it explicitly).
	//   - secure_delete(on): overwrite deleted content instead of leaving it
	//     in free pages of the file.
	q := url.Values{"_pragma": {"synchronous(full)", "secure_delete(on)"}}
	sqliteURL := (&url.URL{Scheme: "file", Path: dir + "/", RawQuery: q.Encode()}).String()

	f, err := ferretdb.New(&ferretdb.Config{
		// New binds the listener at once, so MongoDBURI below has the real port.
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
		Logger:    logger,
	})
	if err != nil {
		return err
	}

	// os.Stdout is unbuffered in Go: the line is written (flushed) right here.
	if _, err = fmt.Println(f.MongoDBURI()); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	// The parent (Node) spawns us with a stdin pipe and never writes to it.
	// When the parent dies, even by SIGKILL, the kernel closes its end of the
	// pipe and our read returns EOF: this way no orphaned database server is
	// left holding the port and the SQLite files.
	if stdinEOF {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// Run blocks until ctx is cancelled, then closes the listener, the client
	// connections and the SQLite databases (checkpointing their WAL).
	return f.Run(ctx)
}

// backupEntry is the JSON line printed for each database copied by -backup.
type backupEntry struct {
	Database  string `json:"database"`
	File      string `json:"file"`
	Bytes     int64  `json:"bytes"`
	SHA256    string `json:"sha256"`
	Integrity string `json:"integrity"`
	Millis    int64  `json:"ms"`
}

// backup snapshots each <db>.sqlite of dataDir into destDir. VACUUM INTO runs in
// one read transaction: with the WAL the server keeps writing meanwhile, and the
// copy is the database as of that transaction's start, never a torn mix.
func backup(dataDir, destDir string) error {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".sqlite") {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return fmt.Errorf("no database (*.sqlite) in %s", dir)
	}
	if err = os.MkdirAll(destDir, 0o700); err != nil {
		return err
	}
	for _, name := range files {
		started := time.Now()
		target := filepath.Join(destDir, name)
		if _, err = os.Stat(target); err == nil {
			return fmt.Errorf("%s exists already", target)
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if err = vacuumInto(filepath.Join(dir, name), target); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err = os.Chmod(target, 0o600); err != nil {
			return err
		}
		integrity, err := integrityCheck(target)
		if err != nil {
			return fmt.Errorf("%s: integrity check: %w", name, err)
		}
		if integrity != "ok" {
			return fmt.Errorf("%s: the copy fails its integrity check: %s", name, integrity)
		}
		sum, size, err := fileDigest(target)
		if err != nil {
			return err
		}
		line, _ := json.Marshal(backupEntry{
			Database:  strings.TrimSuffix(name, ".sqlite"),
			File:      name,
			Bytes:     size,
			SHA256:    sum,
			Integrity: integrity,
			Millis:    time.Since(started).Milliseconds(),
		})
		fmt.Println(string(line))
	}
	return nil
}

var errLocked = errors.New("a running embedded database uses this directory")

// lockDataDir takes the directory's exclusive flock, waiting at most wait.
func lockDataDir(dataDir string, wait time.Duration) (*os.File, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dataDir, ".koers-db.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s", errLocked, dataDir)
		}
		return nil, err
	}
	return f, nil
}

func openSQLite(path string) (*sql.DB, error) {
	q := url.Values{"_pragma": {"busy_timeout(30000)"}}
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}).String())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func vacuumInto(source, target string) error {
	db, err := openSQLite(source)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec("VACUUM INTO ?", target)
	return err
}

func integrityCheck(path string) (string, error) {
	db, err := openSQLite(path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var result string
	err = db.QueryRow("PRAGMA integrity_check").Scan(&result)
	return result, err
}

func fileDigest(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
