from ficmeld.cli import main

main()
