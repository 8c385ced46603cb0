"""The course app on Voilà: its page handler, template and cached files (`server.app`), its
kernels forked from a warm process (`server.provisioner`, `server.forkserver`), the pre-heated
kernel pools that follow the calendar (`server.pools`, `server.preheat`), compression and caching
(`server.caching`), and the production cluster behind HAProxy (`server.cluster`)."""
