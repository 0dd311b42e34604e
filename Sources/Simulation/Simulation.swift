// The month-by-month market engine.
