"""Reading, cleaning, splitting and structuring report files into typed records."""
