"""The editing loop: `disclosure serve` and the incremental update of a built site."""
