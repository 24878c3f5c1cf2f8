"""One module per wizard page. Pages read and write the wizard's draft plan; the core does the work."""
