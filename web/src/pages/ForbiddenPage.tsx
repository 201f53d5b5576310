import { MessagePage } from '../components/MessagePage';

export default function ForbiddenPage() {
  return <MessagePage code="403" title="Acesso negado" text="Seu perfil não tem permissão para abrir esta página." />;
}
