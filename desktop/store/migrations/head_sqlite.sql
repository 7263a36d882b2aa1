-- The SQLite schema at revision 0007, as the migrations build it: a new library is
-- made from this file (desktop/store/db.py). Written by tools/build_sqlite_schema.py;
-- do not edit by hand.

CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE reports (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	file_name VARCHAR(500) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	text TEXT NOT NULL, 
	encoding VARCHAR(40) NOT NULL, 
	source_format VARCHAR(10) NOT NULL, 
	imported_at DATETIME NOT NULL, 
	state VARCHAR(20) NOT NULL, 
	flags JSON NOT NULL, 
	version INTEGER NOT NULL, normalised TEXT, 
	UNIQUE (sha256)
);

CREATE TABLE extraction_runs (
	id INTEGER NOT NULL, 
	report_id INTEGER NOT NULL, 
	extractor_version VARCHAR(40) NOT NULL, 
	ran_at DATETIME NOT NULL, 
	summary JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
);

CREATE TABLE items (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	report_id INTEGER NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	"key" VARCHAR(40), 
	start INTEGER, 
	"end" INTEGER, 
	data JSON NOT NULL, 
	extracted JSON, 
	source VARCHAR(10) NOT NULL, 
	state VARCHAR(10) NOT NULL, 
	confidence FLOAT, 
	run_id INTEGER, 
	version INTEGER NOT NULL, 
	updated_at DATETIME NOT NULL, coder VARCHAR(100), origin INTEGER, 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE, 
	FOREIGN KEY(run_id) REFERENCES extraction_runs (id)
);

CREATE INDEX ix_items_report_kind ON items (report_id, kind);

CREATE TABLE edits (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	report_id INTEGER NOT NULL, 
	item_id INTEGER, 
	target VARCHAR(10) NOT NULL, 
	action VARCHAR(20) NOT NULL, 
	old JSON, 
	new JSON, 
	reviewer VARCHAR(100) NOT NULL, 
	at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	undone BOOLEAN NOT NULL, 
	reverts INTEGER, note TEXT, op INTEGER, 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE, 
	FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE SET NULL
);

CREATE INDEX ix_edits_report ON edits (report_id, id);

CREATE INDEX ix_edits_reviewer ON edits (reviewer, id);

CREATE INDEX ix_edits_item ON edits (item_id, id);

CREATE TABLE report_summary (
	report_id INTEGER NOT NULL, 
	file_name VARCHAR(500) NOT NULL, 
	state VARCHAR(20) NOT NULL, 
	imported_at DATETIME, 
	title TEXT, 
	issuer TEXT, 
	region TEXT, 
	province TEXT, 
	level TEXT, 
	year INTEGER, 
	pending INTEGER NOT NULL, 
	flags INTEGER NOT NULL, 
	PRIMARY KEY (report_id), 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
);

CREATE VIRTUAL TABLE report_fts USING fts5(text, content='', tokenize='trigram', columnsize=0);

CREATE TRIGGER trg_reports_summary_update 
        AFTER UPDATE OF file_name, state, imported_at, flags ON reports BEGIN
            UPDATE report_summary SET file_name = NEW.file_name, state = NEW.state,
                imported_at = NEW.imported_at, flags = (CASE WHEN json_valid(NEW.flags) AND json_type(NEW.flags) = 'array' THEN json_array_length(NEW.flags) ELSE 0 END)
            WHERE report_id = NEW.id;
        END;

CREATE INDEX ix_items_report_coder ON items (report_id, coder);

CREATE TABLE assignments (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	report_id INTEGER NOT NULL, 
	reviewer VARCHAR(100) NOT NULL, 
	double BOOLEAN NOT NULL, 
	assigned_by VARCHAR(100) NOT NULL, 
	assigned_at DATETIME NOT NULL, 
	done BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT uq_assignments_report_reviewer UNIQUE (report_id, reviewer), 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
);

CREATE TRIGGER trg_items_pending_delete 
        AFTER DELETE ON items WHEN (OLD.state = 'pending' AND OLD.coder IS NULL) BEGIN
            UPDATE report_summary SET pending = pending - 1 WHERE report_id = OLD.report_id;
        END;

CREATE TRIGGER trg_items_pending_update 
        AFTER UPDATE OF state, report_id, coder ON items
        WHEN (OLD.state = 'pending' AND OLD.coder IS NULL) != (NEW.state = 'pending' AND NEW.coder IS NULL) OR OLD.report_id != NEW.report_id BEGIN
            UPDATE report_summary SET pending = pending - 1
            WHERE report_id = OLD.report_id AND (OLD.state = 'pending' AND OLD.coder IS NULL);
            UPDATE report_summary SET pending = pending + 1
            WHERE report_id = NEW.report_id AND (NEW.state = 'pending' AND NEW.coder IS NULL);
        END;

CREATE TRIGGER trg_items_fields_delete 
        AFTER DELETE ON items WHEN (OLD.kind = 'field' AND OLD.key IN ('title', 'issuer', 'region', 'province', 'level', 'report_year') AND OLD.coder IS NULL) BEGIN
            UPDATE report_summary SET title = CASE WHEN OLD.key = 'title' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'title' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE title END, issuer = CASE WHEN OLD.key = 'issuer' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'issuer' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE issuer END, region = CASE WHEN OLD.key = 'region' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'region' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE region END, province = CASE WHEN OLD.key = 'province' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'province' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE province END, level = CASE WHEN OLD.key = 'level' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'level' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE level END, year = CASE WHEN OLD.key = 'report_year' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'report_year' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE year END WHERE report_id = OLD.report_id;
        END;

CREATE TRIGGER trg_items_fields_update 
        AFTER UPDATE OF data, state, kind, key, report_id, coder ON items
        WHEN (NEW.kind = 'field' AND NEW.key IN ('title', 'issuer', 'region', 'province', 'level', 'report_year') AND NEW.coder IS NULL) OR (OLD.kind = 'field' AND OLD.key IN ('title', 'issuer', 'region', 'province', 'level', 'report_year') AND OLD.coder IS NULL) BEGIN
            UPDATE report_summary SET title = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'title' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), issuer = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'issuer' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), region = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'region' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), province = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'province' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), level = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'level' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), year = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = OLD.report_id AND i.kind = 'field' AND i.key = 'report_year' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) WHERE report_id = OLD.report_id;
            UPDATE report_summary SET title = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'title' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), issuer = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'issuer' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), region = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'region' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), province = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'province' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), level = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'level' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1), year = (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'report_year' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) WHERE report_id = NEW.report_id;
        END;

CREATE INDEX ix_edits_op ON edits (op);

CREATE TABLE search_backlog (
	report_id INTEGER NOT NULL, 
	PRIMARY KEY (report_id)
);

CREATE TABLE deferred_summaries (
	report_id INTEGER NOT NULL, 
	PRIMARY KEY (report_id)
);

CREATE TRIGGER trg_reports_summary_insert 
        AFTER INSERT ON reports BEGIN
            INSERT INTO report_summary (report_id, file_name, state, imported_at, pending, flags)
            VALUES (NEW.id, NEW.file_name, NEW.state, NEW.imported_at, 0, (CASE WHEN json_valid(NEW.flags) AND json_type(NEW.flags) = 'array' THEN json_array_length(NEW.flags) ELSE 0 END));
            INSERT INTO search_backlog (report_id) VALUES (NEW.id);
        END;

CREATE TRIGGER trg_reports_fts_update 
        AFTER UPDATE OF text, normalised ON reports BEGIN
            INSERT INTO report_fts (report_fts, rowid, text)
            SELECT 'delete', OLD.id, (OLD.text || char(10, 10) || coalesce(OLD.normalised || char(10, 10), ''))
            WHERE NOT EXISTS (SELECT 1 FROM search_backlog b WHERE b.report_id = OLD.id);
            INSERT OR IGNORE INTO search_backlog (report_id) VALUES (NEW.id);
        END;

CREATE TRIGGER trg_reports_summary_delete 
        AFTER DELETE ON reports BEGIN
            DELETE FROM report_summary WHERE report_id = OLD.id;
            INSERT INTO report_fts (report_fts, rowid, text)
            SELECT 'delete', OLD.id, (OLD.text || char(10, 10) || coalesce(OLD.normalised || char(10, 10), ''))
            WHERE NOT EXISTS (SELECT 1 FROM search_backlog b WHERE b.report_id = OLD.id);
            DELETE FROM search_backlog WHERE report_id = OLD.id;
            DELETE FROM deferred_summaries WHERE report_id = OLD.id;
        END;

CREATE TRIGGER trg_items_pending_insert 
        AFTER INSERT ON items WHEN (NEW.state = 'pending' AND NEW.coder IS NULL) AND NOT EXISTS (SELECT 1 FROM deferred_summaries d WHERE d.report_id = NEW.report_id) BEGIN
            UPDATE report_summary SET pending = pending + 1 WHERE report_id = NEW.report_id;
        END;

CREATE TRIGGER trg_items_fields_insert 
        AFTER INSERT ON items WHEN (NEW.kind = 'field' AND NEW.key IN ('title', 'issuer', 'region', 'province', 'level', 'report_year') AND NEW.coder IS NULL) AND NOT EXISTS (SELECT 1 FROM deferred_summaries d WHERE d.report_id = NEW.report_id) BEGIN
            UPDATE report_summary SET title = CASE WHEN NEW.key = 'title' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'title' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE title END, issuer = CASE WHEN NEW.key = 'issuer' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'issuer' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE issuer END, region = CASE WHEN NEW.key = 'region' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'region' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE region END, province = CASE WHEN NEW.key = 'province' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'province' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE province END, level = CASE WHEN NEW.key = 'level' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'level' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE level END, year = CASE WHEN NEW.key = 'report_year' THEN (SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i WHERE i.report_id = NEW.report_id AND i.kind = 'field' AND i.key = 'report_year' AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1) ELSE year END WHERE report_id = NEW.report_id;
        END;

INSERT INTO alembic_version (version_num) VALUES ('0007');
