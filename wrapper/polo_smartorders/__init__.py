"""polo-smartorders."""
