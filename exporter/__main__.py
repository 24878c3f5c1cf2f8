from exporter.launch import main

raise SystemExit(main())
