"""`disclosure import`: a catalogue exported by another system (xlsx/csv) → included catalogue files + bodies."""
