"""Downloading enclosures: the queue (:mod:`.queue`), the runner that works through it
(:mod:`.runner`), one resumable transfer (:mod:`.transfer`) and its files (:mod:`.files`)."""
