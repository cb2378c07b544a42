#!/usr/bin/env python3
"""Runs trafilatura.extract over the pages listed on stdin (JSON: [{"url", "path"}], gzipped raw
bytes) and prints {"outputs": {url: text}, "seconds": extraction time, "bytes": page bytes}.
Pages are handed over as raw bytes so trafilatura decodes them itself; only extract() is timed."""
import gzip, json, sys, time
import trafilatura

pages = json.load(sys.stdin)
raw = [(p["url"], gzip.open(p["path"]).read()) for p in pages]
outputs, seconds = {}, 0.0
for url, data in raw:
    start = time.perf_counter()
    outputs[url] = trafilatura.extract(data, url=url) or ""
    seconds += time.perf_counter() - start
json.dump({"outputs": outputs, "seconds": seconds, "bytes": sum(len(d) for _, d in raw),
           "version": trafilatura.__version__}, sys.stdout)
