import GazetteCommands

GazetteCommand.main()
