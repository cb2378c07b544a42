#!/usr/bin/env python3
"""Runs trafilatura.extract over the pages on stdin (JSON: {"options": keyword arguments of extract,
"pages": [{"key", "url", "path"}]}, gzipped raw bytes) and prints {"outputs": {key: text},
"seconds": extraction time, "bytes": page bytes, "version"}. Pages are handed over as raw bytes so
trafilatura decodes them itself; only extract() is timed."""
import gzip, json, sys, time
import trafilatura

job = json.load(sys.stdin)
raw = [(p["key"], p["url"], gzip.open(p["path"]).read()) for p in job["pages"]]
outputs, seconds = {}, 0.0
for key, url, data in raw:
    start = time.perf_counter()
    outputs[key] = trafilatura.extract(data, url=url, **job["options"]) or ""
    seconds += time.perf_counter() - start
json.dump({"outputs": outputs, "seconds": seconds, "bytes": sum(len(d) for _, _, d in raw),
           "version": trafilatura.__version__}, sys.stdout)
